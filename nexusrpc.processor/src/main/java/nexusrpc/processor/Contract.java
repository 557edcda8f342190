package nexusrpc.processor;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A contract interface read at compile time: its operations and what is wrong with it.
 *
 * @param type the contract interface
 * @param operations the operations that could be read, sorted by Java name
 * @param problems every problem registration would report for the contract; empty when it is valid
 */
record Contract(TypeElement type, List<ContractOperation> operations, List<Problem> problems) {
    Optional<ContractOperation> operationByJavaName(String javaName) {
        return operations.stream().filter(op -> op.javaName().equals(javaName)).findFirst();
    }
}
