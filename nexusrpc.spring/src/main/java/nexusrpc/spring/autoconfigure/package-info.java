/**
 * The auto-configuration classes, listed in {@code META-INF/spring/...AutoConfiguration.imports}. Not exported:
 * applications replace what they make by declaring beans of the same types, and adjust it with the customizers and
 * properties of {@code nexusrpc.spring}. Opened to Spring's core, beans and context modules, which instantiate
 * these classes and call their bean methods reflectively.
 */
package nexusrpc.spring.autoconfigure;
