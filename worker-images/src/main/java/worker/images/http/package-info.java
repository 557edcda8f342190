/** The HTTP worker: the sample service over {@code NexusHttpServer}, the entry point of the HTTP worker image. */
package worker.images.http;
