/**
 * Code generation: a plan becomes readable Java source (FreeMarker template, values through a Java
 * literal writer, identifiers through a name allocator), compiled in process with javax.tools and
 * packed with the runtime into one runnable jar. The program builds the typed spec with every
 * constructor argument labelled by a leading {@code /* component *}{@code /} comment. Reads the plan,
 * never the syntax tree.
 */
package dev.mlx.codegen;
