package arch.tests.rules;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes minimal class files for rule fixtures that cannot be Java sources here: classes in packages owned by
 * other modules or other projects ({@code nexusrpc.api}, {@code io.temporal}, {@code io.nexusrpc}), which would
 * split packages or add forbidden dependencies. Each class has one private field per given type; a field is a
 * dependency for ArchUnit, so the class depends on exactly those types.
 */
final class FixtureClassFiles {
    private static final int JAVA_17 = 61;
    private static final int ACC_PUBLIC_SUPER = 0x0021;
    private static final int ACC_PRIVATE = 0x0002;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_CLASS = 7;

    private FixtureClassFiles() {}

    /**
     * Writes class {@code className} with a field of each of {@code fieldTypes} under {@code root}.
     *
     * @param className a binary name, e.g. {@code nexusrpc.api.Fixture}
     * @param fieldTypes binary names of the field types
     */
    static void write(Path root, String className, String... fieldTypes) {
        String internalName = className.replace('.', '/');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(JAVA_17);
            // constant pool: #1 this name, #2 this class, #3 Object name, #4 Object class, then name+type per field
            out.writeShort(5 + 2 * fieldTypes.length);
            utf8(out, internalName);
            classRef(out, 1);
            utf8(out, "java/lang/Object");
            classRef(out, 3);
            for (int i = 0; i < fieldTypes.length; i++) {
                utf8(out, "field" + i);
                utf8(out, "L" + fieldTypes[i].replace('.', '/') + ";");
            }
            out.writeShort(ACC_PUBLIC_SUPER);
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(fieldTypes.length);
            for (int i = 0; i < fieldTypes.length; i++) {
                out.writeShort(ACC_PRIVATE);
                out.writeShort(5 + 2 * i);
                out.writeShort(6 + 2 * i);
                out.writeShort(0); // attributes
            }
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = root.resolve(internalName + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void utf8(DataOutputStream out, String value) throws IOException {
        out.writeByte(CONSTANT_UTF8);
        out.writeUTF(value);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(CONSTANT_CLASS);
        out.writeShort(nameIndex);
    }
}
