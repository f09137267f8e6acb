/**
 * The accountability report: a run's typed results ({@link dev.mlx.runtime.result.RunResult}, as
 * the run made them or as {@code RunJson} read them back from run.json) turned into a report model
 * (records, with every chart's geometry computed here as typed SVG shapes), rendered by FreeMarker
 * {@code .ftlh} templates into one self-contained HTML page. Ships inside users' jars: reads only
 * the results, never raw JSON by key, never imports a compiler package.
 */
package dev.mlx.runtime.report;
