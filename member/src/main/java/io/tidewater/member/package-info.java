/**
 * The connector to member clusters over the Kubernetes API, real or simulated alike.
 *
 * <ul>
 *   <li>{@link io.tidewater.member.MemberConnector}: one member, from a kubeconfig ({@link
 *       io.tidewater.member.MemberConnection}); owns its fabric8 client (JDK HTTP client, plain
 *       HTTP watches), threads and informers.
 *   <li>Informers ({@link io.tidewater.member.informer.MemberInformer}) for nodes, pods, events,
 *       deployments, statefulsets and replicasets start on first use. Listeners subscribe with
 *       {@link io.tidewater.member.informer.MemberInformer#subscribe} and receive fabric8 model
 *       objects (shared with the cache: read-only; {@link io.tidewater.member.MemberObjects#toJson}
 *       makes a JSON copy) on a thread of their own, after the informer has synced: first the
 *       whole cache as ADDED, then {@code onSynced}, then live changes.
 *   <li>{@link io.tidewater.member.snapshot.ClusterSnapshotTracker} keeps the scheduler's
 *       {@link io.tidewater.api.snapshot.ClusterSnapshot} (plain records in {@code
 *       io.tidewater.api.snapshot}) up to date event by event. GPUs are {@code nvidia.com/gpu};
 *       their model is the node label {@code nvidia.com/gpu.product} (configurable).
 *   <li>Writes ({@link io.tidewater.member.write.ManifestWriter}): server-side apply as field
 *       manager {@code tidewater}, get, delete with propagation.
 *   <li>Health ({@link io.tidewater.member.health.HealthProber}): {@code /readyz} and {@code
 *       /version} probes with a timeout every period; Ready/NotReady transitions to listeners.
 *   <li>{@link io.tidewater.member.Members}: the registry of connectors by cluster name.
 * </ul>
 */
package io.tidewater.member;
