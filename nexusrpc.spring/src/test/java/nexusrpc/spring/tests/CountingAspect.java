package nexusrpc.spring.tests;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/** Counts the calls that reach a service bean through its Spring AOP proxy, per method name. */
@Aspect
public class CountingAspect {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Around("execution(public * nexusrpc.spring.tests.GreeterImpl.*(..))")
    public Object count(ProceedingJoinPoint call) throws Throwable {
        calls.computeIfAbsent(call.getSignature().getName(), k -> new AtomicInteger()).incrementAndGet();
        return call.proceed();
    }

    /** How many calls of {@code method} the aspect saw. */
    public int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }
}
