package nexusrpc.spring.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** A second contract, served by a package-private bean. */
@Service(name = "counter")
public interface Counter {
    @Operation
    Integer next(String key);
}
