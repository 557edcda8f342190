/**
 * Wire formats of the Nexus HTTP protocol (headers, durations, links, JSON documents) and the TLS material the
 * server and the clients share (PEM and PKCS#12 files, reloading key and trust managers); not exported.
 */
package nexusrpc.http.internal;
