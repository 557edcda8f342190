/** The sample service both worker images serve: its contract and implementation. */
package worker.images.service;
