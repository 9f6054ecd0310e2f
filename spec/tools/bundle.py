#!/usr/bin/env python3
"""Bundle the multi-file spec (spec/openapi.yaml) into one OpenAPI document.

The layout rules this relies on (see spec/README.md, "Layout"):

- the root lists every path and every webhook delivery; each path item is a `$ref` to a
  top-level key of a file under `paths/`;
- every file under `components/` is a map of named definitions; the key is the name;
  `responses.yaml`, `parameters.yaml` and `security.yaml` hold responses, parameters and
  security schemes, every other file holds schemas;
- names are unique per kind across all files.

The bundle inlines the path items and moves every definition that is used to
`#/components/<kind>/<name>`, rewriting `$ref`s and discriminator mappings. It is what a
single-file consumer (Prism, linters) can read; the generator bundles by itself
(`codegen/src/load/bundle/`, the same rules).

Usage: python3 spec/tools/bundle.py [root] > bundled.yaml
"""
import copy
import os
import sys

import yaml

KIND_BY_FILE = {
    "responses.yaml": "responses",
    "parameters.yaml": "parameters",
    "security.yaml": "securitySchemes",
}


class Bundler:
    def __init__(self, root_path):
        self.root_path = os.path.abspath(root_path)
        self.files = {}
        self.components = {}  # (kind, name) -> definition (rewritten)
        self.origin = {}  # (kind, name) -> file
        self.queue = []

    def load(self, path):
        if path not in self.files:
            with open(path, encoding="utf-8") as f:
                self.files[path] = yaml.safe_load(f)
        return self.files[path]

    def split(self, ref, base):
        file_part, _, pointer = ref.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(base), file_part)) if file_part else base
        return target, pointer

    def lookup(self, path, pointer):
        node = self.load(path)
        for token in [t for t in pointer.split("/") if t]:
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node

    def component_ref(self, target, pointer, ref):
        tokens = [t for t in pointer.split("/") if t]
        if len(tokens) != 1:
            raise SystemExit(f"{ref}: component refs must name a top-level key")
        kind = KIND_BY_FILE.get(os.path.basename(target), "schemas")
        name = tokens[0]
        key = (kind, name)
        if key in self.origin and self.origin[key] != target:
            raise SystemExit(f"name clash: {kind}/{name} in {self.origin[key]} and {target}")
        if key not in self.origin:
            self.origin[key] = target
            self.queue.append((key, target))
        return f"#/components/{kind}/{name}"

    def rewrite_ref(self, ref, base):
        target, pointer = self.split(ref, base)
        if os.path.basename(os.path.dirname(target)) != "components":
            raise SystemExit(f"{ref} (from {base}): only refs into components/ may stay refs")
        return self.component_ref(target, pointer, ref)

    def rewrite(self, node, base):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str):
                    out[key] = self.rewrite_ref(value, base)
                elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
                    out[key] = dict(value)
                    out[key]["mapping"] = {
                        k: self.rewrite_ref(v, base) for k, v in value["mapping"].items()
                    }
                elif key == "example" or key == "examples" and not isinstance(value, dict):
                    out[key] = copy.deepcopy(value)
                else:
                    out[key] = self.rewrite(value, base)
            return out
        if isinstance(node, list):
            return [self.rewrite(v, base) for v in node]
        return node

    def bundle(self):
        root = copy.deepcopy(self.load(self.root_path))
        # Path items, and (OpenAPI 3.1) the deliveries under `webhooks`, are inlined.
        for section in ("paths", "webhooks"):
            if section not in root:
                continue
            items = {}
            for key, item in root[section].items():
                if "$ref" in item:
                    target, pointer = self.split(item["$ref"], self.root_path)
                    items[key] = self.rewrite(self.lookup(target, pointer), target)
                else:
                    items[key] = self.rewrite(item, self.root_path)
            root[section] = items
        components = root.setdefault("components", {})
        for kind, defs in list(components.items()):
            for name, value in list(defs.items()):
                if isinstance(value, dict) and "$ref" in value:
                    target, pointer = self.split(value["$ref"], self.root_path)
                    ref = self.component_ref(target, pointer, value["$ref"])
                    if ref != f"#/components/{kind}/{name}":
                        raise SystemExit(f"root components/{kind}/{name} must keep its file's name")
                    del defs[name]
        while self.queue:
            (kind, name), target = self.queue.pop(0)
            self.components[(kind, name)] = self.rewrite(self.lookup(target, "/" + name), target)
        for (kind, name), value in sorted(self.components.items()):
            components.setdefault(kind, {})[name] = value
        return root


def bundle(root_path):
    return Bundler(root_path).bundle()


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "openapi.yaml")
    yaml.safe_dump(bundle(root), sys.stdout, sort_keys=False, allow_unicode=True, width=100)
