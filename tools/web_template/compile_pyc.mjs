// Build-time helper (tools/web_pyc.py): compile Python sources to bytecode with the
// very Pyodide runtime the site ships, so the magic number always matches.
// Usage: node compile_pyc.mjs <pyodide dir> <in.tar of .py files> <out.tar>
// out.tar holds, for each in/x.py that compiles, x.pyc (PEP 552 unchecked-hash
// pyc: valid without timestamps), plus ".cache_tag" (e.g. "cpython-314") and
// ".errors" (one "name:line: message" per file that Python 3.14 cannot compile).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pyodideDir, input, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, 'pyodide.mjs')).href);
const py = await loadPyodide({ indexURL: pyodideDir + path.sep });
py.FS.writeFile('/tmp/in.tar', fs.readFileSync(input));
py.runPython(`
import importlib.util, io, marshal, sys, tarfile

def pyc(source, name):
    code = compile(source, name, "exec", dont_inherit=True)
    flags = (0b01).to_bytes(4, "little")  # hash-based, source not checked
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + marshal.dumps(code)

with tarfile.open("/tmp/in.tar") as src, tarfile.open("/tmp/out.tar", "w", format=tarfile.PAX_FORMAT) as out:
    def add(name, data):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        out.addfile(info, io.BytesIO(data))
    add(".cache_tag", sys.implementation.cache_tag.encode())
    errors = []
    for member in sorted(src.getmembers(), key=lambda m: m.name):
        source = src.extractfile(member).read()
        try:
            add(member.name + "c", pyc(source, member.name))
        except SyntaxError as exc:
            errors.append(f"{member.name}:{exc.lineno}: {exc.msg}")
    add(".errors", chr(10).join(errors).encode())
`);
fs.writeFileSync(output, py.FS.readFile('/tmp/out.tar'));
