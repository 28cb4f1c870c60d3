#!/usr/bin/env python3
"""Refreshes the vendored schemas in src/test/resources/schemas/ (see docs/kubernetes.md).

Built-in kinds: the Kubernetes API server's own OpenAPI v3 documents for one Kubernetes minor
version, as kept by kubernetes-sigs/kubectl-validate (pkg/openapiclient/builtins/<version>/).
For each kind we use, the schemas reachable from it are copied into one standalone file
({"$ref": root, "components": {"schemas": {...}}}), descriptions dropped to keep it small.

Custom resources: the openAPIV3Schema of one version of each operator CRD, descriptions dropped.

The strictness the API server applies (unknown fields rejected) is added when the tests load the
files (dev.orrery.deploy.schema.StrictSchemas), not here: the files stay as upstream wrote them.

Usage: refresh-schemas.py KUBECTL_VALIDATE_GIT RABBITMQ_OPERATOR_GIT CNPG_GIT KEYCLOAK_K8S_RESOURCES_GIT
(git directories; the refs below say which commit or tag each file is taken from)
"""
import json, subprocess, sys, pathlib
import yaml

K8S_VERSION = "1.32"
KUBECTL_VALIDATE_REF = "a97ccfaca20b164819afdae780392496f6ed6bbd"
BUILTINS = {  # file name -> (OpenAPI document under builtins/<version>/, root schema)
    "deployment-apps-v1.json": ("apis/apps/v1.json", "io.k8s.api.apps.v1.Deployment"),
    "service-v1.json": ("api/v1.json", "io.k8s.api.core.v1.Service"),
    "configmap-v1.json": ("api/v1.json", "io.k8s.api.core.v1.ConfigMap"),
    "secret-v1.json": ("api/v1.json", "io.k8s.api.core.v1.Secret"),
    "namespace-v1.json": ("api/v1.json", "io.k8s.api.core.v1.Namespace"),
    "serviceaccount-v1.json": ("api/v1.json", "io.k8s.api.core.v1.ServiceAccount"),
    "poddisruptionbudget-policy-v1.json": ("apis/policy/v1.json", "io.k8s.api.policy.v1.PodDisruptionBudget"),
    "horizontalpodautoscaler-autoscaling-v2.json": ("apis/autoscaling/v2.json", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler"),
    "ingress-networking-v1.json": ("apis/networking.k8s.io/v1.json", "io.k8s.api.networking.v1.Ingress"),
}
CRDS = [  # (repo index, ref, path in repo, version, output file)
    (1, "v2.22.3", "config/crd/bases/rabbitmq.com_rabbitmqclusters.yaml", "v1beta1", "rabbitmqcluster-rabbitmq.com-v1beta1.json"),
    (2, "v1.30.0", "config/crd/bases/postgresql.cnpg.io_clusters.yaml", "v1", "cluster-postgresql.cnpg.io-v1.json"),
    (3, "26.0.0", "kubernetes/keycloaks.k8s.keycloak.org-v1.yml", "v2alpha1", "keycloak-k8s.keycloak.org-v2alpha1.json"),
    (3, "26.0.0", "kubernetes/keycloakrealmimports.k8s.keycloak.org-v1.yml", "v2alpha1", "keycloakrealmimport-k8s.keycloak.org-v2alpha1.json"),
]


def git_show(git_dir, ref, path):
    return subprocess.run(["git", "-C", git_dir, "show", f"{ref}:{path}"], check=True, capture_output=True).stdout


def without_descriptions(node):
    if isinstance(node, dict):
        return {k: without_descriptions(v) for k, v in node.items()
                if not (k == "description" and isinstance(v, str))}
    if isinstance(node, list):
        return [without_descriptions(v) for v in node]
    return node


def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                yield v.rsplit("/", 1)[-1]
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


def standalone(schemas, root):
    keep, todo = {}, [root]
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep[name] = without_descriptions(schemas[name])
        todo.extend(refs(keep[name]))
    return {"$ref": f"#/components/schemas/{root}", "components": {"schemas": dict(sorted(keep.items()))}}


def write(path, document):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, sort_keys=False) + "\n")
    print("wrote", path)


def main(git_dirs):
    out = pathlib.Path(__file__).resolve().parent / "src/test/resources/schemas"
    documents = {}
    for name, (doc, root) in BUILTINS.items():
        if doc not in documents:
            documents[doc] = json.loads(git_show(git_dirs[0], KUBECTL_VALIDATE_REF,
                                                 f"pkg/openapiclient/builtins/{K8S_VERSION}/{doc}"))
        write(out / f"kubernetes/v{K8S_VERSION}" / name, standalone(documents[doc]["components"]["schemas"], root))
    for index, ref, path, version, name in CRDS:
        crd = yaml.safe_load(git_show(git_dirs[index], ref, path))
        [entry] = [v for v in crd["spec"]["versions"] if v["name"] == version]
        write(out / "crds" / name, without_descriptions(entry["schema"]["openAPIV3Schema"]))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1:])
