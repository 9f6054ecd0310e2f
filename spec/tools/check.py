#!/usr/bin/env python3
"""Checks the multi-file spec beyond what openapi-spec-validator does, and its fixtures.

- every operation has operationId, one tag, summary, description, x-sdk-resource and
  x-sdk-method; (resource, method) pairs and operationIds are unique;
- every schema and property has a description;
- x-sdk-pagination names exist (cursor and offset forms); x-sdk-idempotency points at a
  header parameter or body field;
- every example (request bodies, responses, parameters) validates against its schema, with
  format checking; `nullable: true` means "null or the schema", also for the
  `nullable` + `allOf: [$ref]` wrapper;
- every operation with a success body has `linq-api/tests/fixtures/responses/<resource>.<method>.<status>.json`
  and every operation with a request body has `linq-api/tests/fixtures/requests/<resource>.<method>.json`,
  and each fixture validates against its schema;
- no YAML file of the spec repeats a key in a mapping (PyYAML would silently keep the last);
- `x-sdk-events` (webhook envelopes): `tag` and `payload` are required properties, `tag` is
  an enum whose every value is listed exactly once in `types` (or, without `types`, has one
  delivery under `webhooks`), in the enum's order; every
  `types` value is null or the name of a schema component, and the payload's `oneOf` lists
  exactly those schemas (plus one free-form object variant when some value is null);
- every `linq-api/tests/fixtures/webhooks/<event_type>[.<variant>].json` validates against
  the envelope and its `data` against the schema `types` names for its `event_type`; for a
  payload that is an untagged union, the first matching variant is the one named for the
  fixture's `webhook_version` (`…V1` for 2025-01-01, `…V2` for 2026-02-03); every event type
  with a schema has a fixture.

An untagged `oneOf` (no `discriminator`) means "the first variant that matches, in order",
as a serde untagged enum decodes it; since the variants are open objects that may overlap,
it is validated as `anyOf` (see spec/README.md).

Usage: python3 spec/tools/check.py [--write-missing-fixtures]
"""
import copy
import json
import os
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(__file__))
from bundle import bundle  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "..", "openapi.yaml")
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "linq-api", "tests", "fixtures"))
METHODS = ("get", "put", "post", "delete", "patch")

errors = []


def err(msg):
    errors.append(msg)


def to_jsonschema(node):
    """OpenAPI schema -> JSON Schema (draft 7), a 3.0 `nullable` made explicit (3.1 type
    lists and `const` are JSON Schema already)."""
    if isinstance(node, list):
        return [to_jsonschema(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        if k in ("discriminator", "example", "deprecated", "x-sdk-from", "x-sdk-name", "x-sdk-events", "readOnly", "writeOnly"):
            continue
        if k == "oneOf" and "discriminator" not in node:
            # untagged union: first match wins; variants may overlap, so "at least one"
            out["anyOf"] = to_jsonschema(v)
        elif k == "properties":
            out[k] = {name: to_jsonschema(s) for name, s in v.items()}
        else:
            out[k] = to_jsonschema(v)
    if out.pop("nullable", False):
        if "enum" in out and None not in out["enum"]:
            out["enum"] = out["enum"] + [None]
        return {"anyOf": [{"type": "null"}, out]}
    return out


def resolve(doc, ref):
    node = doc
    for token in ref.lstrip("#/").split("/"):
        node = node[token]
    return node


def validator_for(doc, schema):
    full = to_jsonschema(schema)
    if isinstance(full, dict):
        full = dict(full)
        full["components"] = to_jsonschema(doc["components"])
    return jsonschema.Draft7Validator(full, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def validate(doc, schema, value, where):
    v = validator_for(doc, schema)
    for e in sorted(v.iter_errors(value), key=lambda e: list(e.path)):
        err(f"{where}: {'/'.join(map(str, e.path))}: {e.message[:200]}")


def check_descriptions(doc):
    def walk(schema, where):
        if not isinstance(schema, dict):
            return
        if "$ref" in schema or schema == {"type": "null"}:
            return  # a reference is described where it is defined; `null` needs no words
        if "description" not in schema:
            err(f"{where}: schema without description")
        for name, prop in (schema.get("properties") or {}).items():
            if "description" not in prop:
                err(f"{where}.{name}: property without description")
            walk(prop, f"{where}.{name}")
        if isinstance(schema.get("items"), dict):
            walk(schema["items"], f"{where}[]")
        for key in ("oneOf", "anyOf", "allOf"):
            for i, sub in enumerate(schema.get(key) or []):
                if "$ref" not in sub:
                    walk(sub, f"{where}.{key}[{i}]")
        if isinstance(schema.get("additionalProperties"), dict):
            walk(schema["additionalProperties"], f"{where}{{}}")

    for name, schema in doc["components"].get("schemas", {}).items():
        walk(schema, f"schemas.{name}")
    for path, item in doc["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            where = f"{method.upper()} {path}"
            for p in op.get("parameters", []):
                if "$ref" not in p:
                    if "description" not in p:
                        err(f"{where} param {p['name']}: no description")
                    walk(p["schema"], f"{where} param {p['name']}")
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                walk(body["schema"], f"{where} request")
            for status, resp in op.get("responses", {}).items():
                if "$ref" in resp:
                    continue
                content = resp.get("content", {}).get("application/json")
                if content:
                    walk(content["schema"], f"{where} {status}")


class UniqueKeyLoader(yaml.SafeLoader):
    pass


def _unique_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def check_duplicate_keys():
    spec_dir = os.path.normpath(os.path.join(HERE, ".."))
    for dirpath, _, files in os.walk(spec_dir):
        for fn in sorted(files):
            if fn.endswith((".yaml", ".yml")):
                path = os.path.join(dirpath, fn)
                try:
                    with open(path, encoding="utf-8") as f:
                        yaml.load(f, Loader=UniqueKeyLoader)
                except yaml.YAMLError as e:
                    err(f"{os.path.relpath(path, spec_dir)}: {e}")


def ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def webhook_types(doc, envelope, tag, payload):
    """The events of `envelope` as the generator reads them from the document's `webhooks`:
    each delivery whose body is `allOf` of the envelope and a part fixing the tag (`const`)
    and naming the payload's schema (or the envelope alone: raw JSON)."""
    envelope_ref = f"#/components/schemas/{envelope}"
    types = {}
    for name, item in doc.get("webhooks", {}).items():
        for operation in item.values():
            schema = (operation.get("requestBody", {}).get("content", {})
                      .get("application/json", {}).get("schema", {}))
            if schema.get("$ref") == envelope_ref:
                types[name] = None
                break
            parts = schema.get("allOf", [])
            if not any(p.get("$ref") == envelope_ref for p in parts):
                continue
            props = {}
            for p in parts:
                props.update(p.get("properties", {}))
            event = props.get(tag, {}).get("const", name)
            ref = props.get(payload, {}).get("$ref")
            types[event] = ref_name(ref) if ref else None
            break
    return types


def check_webhook_events(doc):
    schemas = doc["components"].get("schemas", {})
    envelopes = [(n, s) for n, s in schemas.items() if isinstance(s, dict) and "x-sdk-events" in s]
    if not envelopes:
        err("no schema with x-sdk-events (WebhookEvent not registered in the root?)")
        return 0
    fixtures_dir = os.path.join(FIXTURES, "webhooks")
    count = 0
    for env_name, env in envelopes:
        where = f"schemas.{env_name} x-sdk-events"
        ext = env["x-sdk-events"]
        props, required = env.get("properties", {}), set(env.get("required", []))
        tag, payload = ext.get("tag"), ext.get("payload")
        for role, prop in (("tag", tag), ("payload", payload)):
            if prop not in props or prop not in required:
                err(f"{where}: {role} {prop!r} is not a required property")
        tag_schema = props.get(tag, {})
        if "$ref" in tag_schema:
            tag_schema = resolve(doc, tag_schema["$ref"])
        enum = tag_schema.get("enum") or []
        if not enum:
            err(f"{where}: tag {tag!r} is not an enum")
        types = ext.get("types") or webhook_types(doc, env_name, tag, payload)
        if list(types) != [e for e in enum if e in types]:
            err(f"{where}: types are not in the order of the tag's enum")
        for e in enum:
            if e not in types:
                err(f"{where}: event type {e!r} not listed in types")
        for e, target in types.items():
            if e not in enum:
                err(f"{where}: types lists {e!r}, which is not a value of the tag's enum")
            if target is not None and target not in schemas:
                err(f"{where}: types[{e!r}] = {target!r} is not a schema component")
        # the payload's oneOf lists exactly the named schemas (+ one opaque variant)
        pschema = props.get(payload, {})
        variants = [ref_name(v["$ref"]) for v in pschema.get("oneOf", []) if "$ref" in v]
        named = {t for t in types.values() if t is not None}
        extra = [v for v in variants if v not in named]
        if len(variants) != len(set(variants)):
            err(f"{where}: {payload}.oneOf lists a schema twice")
        for t in sorted(named - set(variants)):
            err(f"{where}: {t} is missing from {payload}.oneOf")
        opaque_needed = any(t is None for t in types.values())
        opaque_ok = [v for v in extra
                     if schemas[v].get("type") == "object" and not schemas[v].get("properties")
                     and schemas[v].get("additionalProperties") is True]
        if len(extra) != (1 if opaque_needed else 0) or len(opaque_ok) != len(extra):
            err(f"{where}: {payload}.oneOf has variants not named in types: {extra} "
                "(only one free-form object variant is allowed, and only when a type is null)")
        # fixtures
        if not os.path.isdir(fixtures_dir):
            err(f"missing fixture directory {fixtures_dir}")
            continue
        covered = set()
        for fn in sorted(os.listdir(fixtures_dir)):
            if not fn.endswith(".json"):
                continue
            stem = fn[: -len(".json")]
            event = stem if stem in types else stem.rsplit(".", 1)[0]
            fwhere = f"fixture webhooks/{fn}"
            if event not in types:
                err(f"{fwhere}: file name names no event type")
                continue
            with open(os.path.join(fixtures_dir, fn), encoding="utf-8") as f:
                body = json.load(f)
            count += 1
            validate(doc, {"$ref": f"#/components/schemas/{env_name}"}, body, fwhere)
            if body.get(tag) != event:
                err(f"{fwhere}: {tag} is {body.get(tag)!r}, the file name says {event!r}")
            covered.add(event)
            target = types[event]
            data = body.get(payload)
            if target is None:
                if not isinstance(data, dict):
                    err(f"{fwhere}: opaque {payload} is not an object")
                continue
            if target not in schemas:
                continue  # already reported above
            validate(doc, {"$ref": f"#/components/schemas/{target}"}, data, f"{fwhere} {payload} as {target}")
            tschema = schemas[target]
            if "oneOf" in tschema and "discriminator" not in tschema:
                first = None
                for v in tschema["oneOf"]:
                    if not list(validator_for(doc, v).iter_errors(data)):
                        first = ref_name(v["$ref"])
                        break
                version = body.get("webhook_version")
                expected = {"2025-01-01": "V1", "2026-02-03": "V2"}.get(version)
                if first is None:
                    err(f"{fwhere}: {payload} matches no variant of {target}")
                elif expected and not first.endswith(expected):
                    err(f"{fwhere}: {payload} first matches {first}, expected the {expected} "
                        f"variant for webhook_version {version}")
        for e, target in types.items():
            if target is not None and e not in covered:
                err(f"{where}: no fixture webhooks/{e}.json")
    return count


def fixture_name(op):
    return f"{op['x-sdk-resource']}.{op['x-sdk-method']}"


def main():
    write_missing = "--write-missing-fixtures" in sys.argv
    doc = bundle(SPEC)
    ops = []
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                ops.append((path, method, item[method]))
    seen_ids, seen_names = set(), set()
    for path, method, op in ops:
        where = f"{method.upper()} {path}"
        for key in ("operationId", "summary", "description", "x-sdk-resource", "x-sdk-method"):
            if key not in op:
                err(f"{where}: no {key}")
        if len(op.get("tags", [])) != 1:
            err(f"{where}: needs exactly one tag")
        if op["operationId"] in seen_ids:
            err(f"{where}: duplicate operationId")
        seen_ids.add(op["operationId"])
        name = fixture_name(op)
        if name in seen_names:
            err(f"{where}: duplicate x-sdk-resource/x-sdk-method {name}")
        seen_names.add(name)

        params = []
        for p in op.get("parameters", []):
            params.append(resolve(doc, p["$ref"]) if "$ref" in p else p)
        for p in params:
            if "example" in p:
                validate(doc, p["schema"], p["example"], f"{where} param {p['name']} example")
        body = op.get("requestBody", {}).get("content", {}).get("application/json")
        body_schema = body["schema"] if body else None
        if body:
            if "example" not in body:
                err(f"{where}: request body without example")
            else:
                validate(doc, body_schema, body["example"], f"{where} request example")
            fx = os.path.join(FIXTURES, "requests", f"{name}.json")
            if not os.path.exists(fx) and write_missing and "example" in body:
                with open(fx, "w", encoding="utf-8") as f:
                    json.dump(body["example"], f, indent=2, ensure_ascii=False)
                    f.write("\n")
            if os.path.exists(fx):
                with open(fx, encoding="utf-8") as f:
                    validate(doc, body_schema, json.load(f), f"fixture requests/{name}.json")
            else:
                err(f"{where}: missing fixture requests/{name}.json")
        # pagination
        pag = op.get("x-sdk-pagination")
        success = [(s, r) for s, r in op["responses"].items() if s.startswith("2")]
        if len(success) != 1:
            err(f"{where}: expected exactly one success status")
        status, resp = success[0]
        resp = resolve(doc, resp["$ref"]) if "$ref" in resp else resp
        content = resp.get("content", {}).get("application/json")
        if status == "204" and content:
            err(f"{where}: 204 with content")
        if content:
            schema = content["schema"]
            if "example" not in content:
                err(f"{where}: success response without example")
            else:
                validate(doc, schema, content["example"], f"{where} {status} example")
            fx = os.path.join(FIXTURES, "responses", f"{name}.{status}.json")
            if not os.path.exists(fx) and write_missing and "example" in content:
                with open(fx, "w", encoding="utf-8") as f:
                    json.dump(content["example"], f, indent=2, ensure_ascii=False)
                    f.write("\n")
            if os.path.exists(fx):
                with open(fx, encoding="utf-8") as f:
                    validate(doc, schema, json.load(f), f"fixture responses/{name}.{status}.json")
            else:
                err(f"{where}: missing fixture responses/{name}.{status}.json")
        if pag:
            rschema = resolve(doc, content["schema"]["$ref"]) if "$ref" in content["schema"] else content["schema"]
            props = rschema.get("properties", {})
            qnames = {p["name"] for p in params if p["in"] == "query"}
            if pag.get("kind", "cursor") == "cursor":
                if pag.get("cursor_param") not in qnames:
                    err(f"{where}: cursor_param not a query parameter")
                nc = props.get(pag.get("next_cursor_field"), {})
                nullable = nc.get("nullable") or "null" in (nc.get("type") if isinstance(nc.get("type"), list) else [])
                if not nullable:
                    err(f"{where}: next_cursor_field missing or not nullable")
            elif pag["kind"] == "offset":
                for key in ("offset_param", "limit_param"):
                    if pag.get(key) not in qnames:
                        err(f"{where}: {key} not a query parameter")
                if props.get(pag.get("has_more_field"), {}).get("type") != "boolean":
                    err(f"{where}: has_more_field not a boolean field")
            else:
                err(f"{where}: unknown pagination kind")
            if props.get(pag.get("items_field"), {}).get("type") != "array":
                err(f"{where}: items_field not an array field")
        idem = op.get("x-sdk-idempotency")
        if idem:
            if "header" in idem and not any(p["in"] == "header" and p["name"] == idem["header"] for p in params):
                err(f"{where}: idempotency header not declared")
            if "body_field" in idem:
                node = body_schema
                for part in idem["body_field"].split("."):
                    if node and "$ref" in node:
                        node = resolve(doc, node["$ref"])
                    node = (node or {}).get("properties", {}).get(part)
                if node is None:
                    err(f"{where}: idempotency body_field not found")
    # named examples of shared responses
    for name, resp in doc["components"].get("responses", {}).items():
        content = resp["content"]["application/json"]
        if "example" in content:
            validate(doc, content["schema"], content["example"], f"responses.{name} example")
        for ex_name, ex in (content.get("examples") or {}).items():
            validate(doc, content["schema"], ex["value"], f"responses.{name} examples.{ex_name}")
    check_descriptions(doc)
    check_duplicate_keys()
    webhook_fixtures = check_webhook_events(doc)
    for e in errors:
        print(e)
    print(f"{len(ops)} operations, {webhook_fixtures} webhook fixtures, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
