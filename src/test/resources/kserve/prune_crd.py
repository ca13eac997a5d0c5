#!/usr/bin/env python3
"""Cuts the schema the manifest tests need out of one of KServe's CRDs.

    python3 prune_crd.py servingruntimes    serving.kserve.io_servingruntimes.yaml    > servingruntime.schema.yaml
    python3 prune_crd.py inferenceservices  serving.kserve.io_inferenceservices.yaml  > inferenceservice.schema.yaml

The input is the full CRD from KServe's repository (config/crd/full/). The output is the
openAPIV3Schema of its served version with only the fields named in KEEP below: a kept path keeps
its whole subtree, its ancestors keep their type and `required` and lose every other property.
A manifest that uses a field outside KEEP therefore fails the test as an unknown field: add the
field's path here and run the script again (the full CRDs are about 0.2 and 1 MB, too large to
keep in the repository).
"""
import sys

import yaml

# "items" of arrays are walked through: spec.containers.env is the env of each container
KEEP = {
    "servingruntimes": [
        "apiVersion", "kind", "metadata",
        "spec.supportedModelFormats", "spec.protocolVersions", "spec.multiModel", "spec.disabled",
        "spec.annotations", "spec.labels", "spec.nodeSelector",
        "spec.containers.name", "spec.containers.image", "spec.containers.imagePullPolicy",
        "spec.containers.command", "spec.containers.args", "spec.containers.env",
        "spec.containers.ports", "spec.containers.resources", "spec.containers.livenessProbe",
        "spec.containers.readinessProbe", "spec.containers.securityContext",
        "spec.containers.volumeMounts",
        "spec.volumes.name", "spec.volumes.emptyDir", "spec.volumes.persistentVolumeClaim",
    ],
    "inferenceservices": [
        "apiVersion", "kind", "metadata",
        "spec.predictor.minReplicas", "spec.predictor.maxReplicas", "spec.predictor.logger",
        "spec.predictor.model.modelFormat", "spec.predictor.model.runtime",
        "spec.predictor.model.protocolVersion", "spec.predictor.model.storageUri",
        "spec.predictor.model.resources",
    ],
}


def prune(schema, path, keep):
    """The schema at `path` (dotted, "" for the root) with only what `keep` asks for."""
    if path in keep:
        return schema
    if "items" in schema:
        pruned = {k: v for k, v in schema.items() if k != "items"}
        pruned["items"] = prune(schema["items"], path, keep)
        return pruned
    pruned = {k: v for k, v in schema.items() if k != "properties"}
    properties = {}
    for name, child in schema.get("properties", {}).items():
        child_path = f"{path}.{name}" if path else name
        if any(k == child_path or k.startswith(child_path + ".") for k in keep):
            properties[name] = prune(child, child_path, keep)
    if properties:
        pruned["properties"] = properties
    return pruned


def main():
    plural, source = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as f:
        crd = next(d for d in yaml.safe_load_all(f) if d)
    version = next(v for v in crd["spec"]["versions"] if v.get("served"))
    schema = prune(version["schema"]["openAPIV3Schema"], "", set(KEEP[plural]))
    out = {
        "crd": crd["metadata"]["name"],
        "kind": crd["spec"]["names"]["kind"],
        "version": version["name"],
        "openAPIV3Schema": schema,
    }
    sys.stdout.write("# cut by prune_crd.py out of KServe's CRD (see README.md): regenerate, do not edit\n")
    yaml.safe_dump(out, sys.stdout, sort_keys=True, default_flow_style=False)


if __name__ == "__main__":
    main()
