package nexusrpc.handler.tests;

import nexusrpc.api.Operation;
import nexusrpc.api.Service;

/** A contract whose implementation fails in every way the dispatcher maps. */
@Service
public interface Faulty {
    /** Fails as {@code mode} says. */
    @Operation
    String fail(String mode);

    /** Throws a checked exception. */
    @Operation
    String checked(String input);

    /** A manual handler that returns no StartResult. */
    @Operation
    String broken(String input);
}
