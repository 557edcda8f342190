package arch.tests.rules;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The ArchUnit condition "tests an outcome's variant with instanceof": a transport that does so compiles when a
 * variant is added and breaks at run time, where the outcome visitors make the compiler find every place to
 * change. ArchUnit's dependencies show types, not how they are used, so the instanceof checks of every code unit
 * are read.
 */
final class InspectsOutcomesByType extends ArchCondition<JavaClass> {
    private final String outcomePackage;

    /** @param outcomePackage the package of the sealed outcomes, e.g. {@code nexusrpc.handler.transport} */
    InspectsOutcomesByType(String outcomePackage) {
        super("test the type of an outcome of " + outcomePackage + " with instanceof");
        this.outcomePackage = outcomePackage;
    }

    @Override
    public void check(JavaClass origin, ConditionEvents events) {
        for (JavaCodeUnit unit : origin.getCodeUnits()) {
            for (InstanceofCheck check : unit.getInstanceofChecks()) {
                JavaClass target = check.getRawType();
                if (isOutcome(target)) {
                    events.add(SimpleConditionEvent.satisfied(check, unit.getFullName() + " tests instanceof "
                            + target.getName() + " " + check.getSourceCodeLocation()));
                }
            }
        }
    }

    private boolean isOutcome(JavaClass type) {
        if (!type.getPackageName().equals(outcomePackage)) {
            return false;
        }
        String name = type.getName().substring(outcomePackage.length() + 1);
        String top = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        return top.endsWith("Outcome") || top.equals("HandlerError") || top.equals("OperationFailure")
                || top.equals("DeadlineExceeded");
    }
}
