/**
 * The Cluster Gateway: the member-owned kinds (pods, nodes, events, replicasets) of every member
 * served by the federation's API server as one merged resource, plus the per-cluster proxy.
 *
 * <p><b>Identity.</b> A member's object appears as {@code <cluster>.<name>} in its own namespace,
 * labelled {@code tidewater.io/cluster=<cluster>}. Cluster names are DNS labels, so the merged
 * name is a valid DNS subdomain, parses back unambiguously at the first dot, and two members'
 * objects of the same name never collide. References inside the merged view are rewritten the
 * same way (a pod's {@code spec.nodeName}, owner references to replicasets, pods and nodes, an
 * event's {@code involvedObject}), so {@code --field-selector spec.nodeName=<merged node>} and
 * {@code kubectl describe} work; references to other kinds keep their names, which are the
 * federation's templates' names.
 *
 * <p><b>resourceVersion.</b> The gateway's own monotonically increasing counter, shared by the
 * merged kinds and seeded from the clock in microseconds, rather than Karmada's encoded vector of
 * member versions: the API server's watch and list machinery (and many clients' bookmarks and
 * comparisons) work on one integer, history and 410 Gone fall out of the watch cache, and a
 * restarted gateway starts above every version it handed out, so a client resuming across a
 * restart is told 410 and re-lists, exactly as after a kube-apiserver restart. Pages of a
 * paginated list are served from a snapshot of one revision, kept for a few minutes.
 *
 * <p><b>Members that go away.</b> While a member is NotReady (its {@code /readyz} probe fails) its
 * objects leave the merged view with DELETED events; when it is Ready again they come back as
 * ADDED from the connector's informer, which then catches up with the member. Each member feeds
 * the view from its own subscription thread and takes the view's lock only for in-memory work,
 * so one slow or dead member never holds up another's events.
 *
 * <p><b>Writes.</b> DELETE (and deletecollection) go to the owning member through its connector;
 * {@code pods/log} is streamed from it. Creates and updates are refused with 405: templates are
 * how the federation changes what runs. The per-cluster proxy, {@code
 * /apis/cluster.tidewater.io/v1alpha1/clusters/{name}/proxy/...}, passes any request to one
 * member with the connector's credentials. {@link io.tidewater.gateway.Gateway#install} plugs
 * it all into an API server being built.
 */
package io.tidewater.gateway;
