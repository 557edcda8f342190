/** Wire formats of the Nexus HTTP protocol (headers, durations, links, JSON documents); not exported. */
package nexusrpc.http.internal;
