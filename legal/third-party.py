#!/usr/bin/env python3
"""Writes THIRD-PARTY.md: every artifact the runtime bundle (inside each compiled experiment jar) and
the mlx tool jar can bundle, with the licence its Maven metadata declares.

Run after a build, from the repository's top folder:
    mvn -B -o -q -Dmaven.test.skip=true package && python3 legal/third-party.py

The artifact lists come from the build (mlx-runtime and mlx-cli write META-INF/mlx/dependencies.txt);
licences are read from each artifact's pom in the local Maven repository, following parent poms.
ThirdPartyNoticesTest fails when a bundled artifact is missing from THIRD-PARTY.md.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

REPO = os.path.join(os.path.expanduser("~"), ".m2", "repository")
LISTS = {
    "runtime": "mlx-runtime/target/classes/META-INF/mlx/dependencies.txt",
    "tool": "mlx-cli/target/classes/META-INF/mlx/dependencies.txt",
}
LINE = re.compile(r"^\s*([\w.\-]+):([\w.\-]+):(?:jar|bundle):(?:([\w.\-]+):)?([\w.\-]+):(compile|runtime)")
# Jars mlx-compiler carries whole as resources (see its pom), by the root pom's version property: they are in
# the tool jar, and appended to the jars of the experiments that need them.
CARRIED = {
    "parquet experiments": [("org.duckdb", "duckdb_jdbc", "duckdb.version")],
}
# Artifacts whose poms declare no licence, with the licence their project publishes.
KNOWN = {
    "com.esotericsoftware:minlog": ("BSD-3-Clause", "https://github.com/EsotericSoftware/minlog"),
    "com.esotericsoftware:reflectasm": ("BSD-3-Clause", "https://github.com/EsotericSoftware/reflectasm"),
    "com.esotericsoftware:kryo": ("BSD-3-Clause", "https://github.com/EsotericSoftware/kryo"),
    "tw.edu.ntu.csie:libsvm": ("BSD-3-Clause", "https://www.csie.ntu.edu.tw/~cjlin/libsvm/COPYRIGHT"),
}


def ns(tag):
    return "{http://maven.apache.org/POM/4.0.0}" + tag


def pom(group, artifact, version):
    path = os.path.join(REPO, *group.split("."), artifact, version, f"{artifact}-{version}.pom")
    if not os.path.exists(path):
        return None
    try:
        return ET.parse(path).getroot()
    except ET.ParseError:
        return None


def find(node, tag):
    found = node.find(ns(tag))
    return found if found is not None else node.find(tag)


def licence(group, artifact, version, depth=0):
    root = pom(group, artifact, version)
    if root is None or depth > 8:
        return None
    licenses = find(root, "licenses")
    if licenses is not None:
        names = []
        for lic in list(licenses):
            name = find(lic, "name")
            url = find(lic, "url")
            names.append(((name.text or "").strip() if name is not None else "", (url.text or "").strip() if url is not None else ""))
        if names:
            return names
    parent = find(root, "parent")
    if parent is not None:
        pg, pa, pv = (find(parent, t) for t in ("groupId", "artifactId", "version"))
        if pg is not None and pa is not None and pv is not None:
            return licence(pg.text.strip(), pa.text.strip(), pv.text.strip(), depth + 1)
    return None


def artifacts(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                group, artifact, classifier, version, _ = m.groups()
                if group != "dev.mlx":
                    out.add((group, artifact, version))
    return out


def main():
    where = {}
    for jar, path in LISTS.items():
        if not os.path.exists(path):
            sys.exit(f"error: {path} is missing: build first (mvn -B -o -q -Dmaven.test.skip=true package)")
        for a in artifacts(path):
            where.setdefault(a, set()).add(jar)
    properties = ET.parse("pom.xml").getroot().find(ns("properties"))
    for jar, carried in CARRIED.items():
        for group, artifact, prop in carried:
            version = properties.find(ns(prop)).text.strip()
            where.setdefault((group, artifact, version), set()).update({jar, "tool"})
    rows = []
    missing = []
    for (group, artifact, version) in sorted(where):
        lic = licence(group, artifact, version)
        if not lic:
            known = KNOWN.get(f"{group}:{artifact}")
            if known is None:
                missing.append(f"{group}:{artifact}:{version}")
                continue
            lic = [known]
        text = "; ".join(f"[{n or u}]({u})" if u else n for n, u in lic)
        jars = ", ".join(sorted(where[(group, artifact, version)]))
        rows.append(f"| `{group}:{artifact}:{version}` | {text} | {jars} |")
    if missing:
        sys.exit("error: no licence found for " + ", ".join(missing) + ": add it to KNOWN in legal/third-party.py")
    with open("THIRD-PARTY.md", "w", encoding="utf-8") as f:
        f.write("# Third-party software in mlx's jars\n\n")
        f.write("mlx is licensed under the Apache License 2.0 (LICENSE). Its jars bundle the libraries below, each under\n")
        f.write("its own licence as declared in its Maven metadata. **runtime**: the runtime bundle that every compiled\n")
        f.write("experiment jar contains (a shaded, minimised subset: classes no code path reaches are left out);\n")
        f.write("**tool**: `mlx-cli/target/mlx.jar`, the `mlx` command; **parquet experiments**: added only to the jars of\n")
        f.write("experiments that read Parquet. Generated by `legal/third-party.py`; checked against the build by\n")
        f.write("ThirdPartyNoticesTest.\n\n")
        f.write("| Artifact | Licence | In |\n| --- | --- | --- |\n")
        f.write("\n".join(rows) + "\n")
    print(f"THIRD-PARTY.md: {len(rows)} artifacts")


if __name__ == "__main__":
    main()
