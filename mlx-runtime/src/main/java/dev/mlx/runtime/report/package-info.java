/**
 * The accountability report: run.json turned into a report model (records, with every chart's
 * geometry computed here as typed SVG shapes), rendered by FreeMarker {@code .ftlh} templates into
 * one self-contained HTML page. Ships inside users' jars: reads only run.json, never imports a
 * compiler package.
 */
package dev.mlx.runtime.report;
