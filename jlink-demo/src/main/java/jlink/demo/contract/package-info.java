/**
 * The demo's service contracts and payloads, shared by its handlers and its typed clients. Payloads are records,
 * (de)serialized by Jackson, hence {@code opens ... to com.fasterxml.jackson.databind} in the module descriptor.
 */
package jlink.demo.contract;
