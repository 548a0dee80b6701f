package io.tidewater.server.acceptance;

/** Small manifests the acceptance tests apply, in the YAML a user would write. */
final class Manifests {
  private Manifests() {}

  static String deployment(String namespace, String name, int replicas, String image) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
          namespace: %s
          labels:
            app: %s
        spec:
          replicas: %d
          selector:
            matchLabels:
              app: %s
          template:
            metadata:
              labels:
                app: %s
            spec:
              containers:
              - name: main
                image: %s
                ports:
                - containerPort: 80
        """.formatted(name, namespace, name, replicas, name, name, image);
  }

  static String deploymentJson(String namespace, String name, int replicas, String image) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"%s","namespace":"%s","labels":{"app":"%s"}},
         "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
          "template":{"metadata":{"labels":{"app":"%s"}},
           "spec":{"containers":[{"name":"main","image":"%s"}]}}}}
        """.formatted(name, namespace, name, replicas, name, name, image);
  }

  static String configMapJson(String namespace, String name, String key, String value) {
    return """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","namespace":"%s","labels":{"set":"accept"}},"data":{"%s":"%s"}}
        """.formatted(name, namespace, key, value).strip();
  }
}
