/**
 * Code generation: a plan becomes readable Java source (FreeMarker template, values through a Java
 * literal writer, identifiers through a name allocator), compiled in process with javax.tools and
 * packed with the runtime into one runnable jar. Reads the plan, never the syntax tree.
 */
package dev.mlx.codegen;
