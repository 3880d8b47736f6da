"""Checks every example plan, and the example plan of docs/plan-format.md, against plans/plan.schema.json."""
import json, pathlib, re, sys
import jsonschema

root = pathlib.Path(__file__).resolve().parent.parent
schema = json.loads((root / "plans/plan.schema.json").read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
documents = {p.name: json.loads(p.read_text()) for p in sorted((root / "plans").glob("*.json")) if not p.name.endswith(".schema.json")}
format_page = (root / "docs" / "plan-format.md").read_text()
blocks = [b for b in re.findall(r"```json\n(.*?)```", format_page, re.S) if '"formatVersion"' in b]
if not blocks:
    sys.exit("docs/plan-format.md has no example plan (a ```json block with \"formatVersion\") to check")
documents["docs/plan-format.md example"] = json.loads(blocks[0])
failed = False
for name, document in documents.items():
    errors = list(validator.iter_errors(document))
    for error in errors:
        print(f"{name}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    failed |= bool(errors)
    print(f"{name}: {'INVALID' if errors else 'valid'} against plan.schema.json")
# The invalid fixtures must not pass the schema either (schema and loader agree).
for p in sorted((root / "Tests/PlanKitTests/Fixtures").glob("*.json")):
    if p.name in ("valid-minimal.json", "warnings.json"):
        expected_valid = True
    elif p.name in ("duplicate-ids.json", "unknown-links.json", "unknown-status.json", "milestone-after-deadline.json"):
        continue  # cross-reference rules a JSON Schema cannot express
    else:
        expected_valid = False
    try:
        document = json.loads(p.read_bytes().decode("utf-8"))
        valid = validator.is_valid(document)
    except (UnicodeDecodeError, json.JSONDecodeError):
        valid = False
    if valid != expected_valid:
        print(f"{p.name}: schema says {'valid' if valid else 'invalid'}, the loader says otherwise")
        failed = True
sys.exit(1 if failed else 0)
