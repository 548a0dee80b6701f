/** The MVCC store with etcd semantics: embedded and etcd implementations. */
package io.tidewater.store;
