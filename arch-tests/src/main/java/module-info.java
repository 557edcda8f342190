/**
 * A third-party operation kind, packaged the way any extender would: a module that reads only the SPI and
 * provides a kind. Nothing in {@code nexusrpc.handler} names it; the engine finds it with {@link
 * java.util.ServiceLoader}. The tests of {@code arch-tests} are patched into this module and also hold the
 * ArchUnit rules and the README quick start.
 */
module arch.tests {
    requires nexusrpc.spi;

    // service implementations annotate their methods with @EchoTwice; the kind itself stays hidden (internal)
    exports arch.tests.kind;

    provides nexusrpc.spi.OperationKind with arch.tests.kind.internal.EchoTwiceOperationKind;
}
