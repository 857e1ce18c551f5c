"""The pipeline's data files (patterns, lexicons, taxonomy, gazetteer), installed as the
package `pipeline.configs` (pyproject maps this folder there) so that a built wheel carries
them. Nothing here is code: `pipeline.config.CONFIG_DIR` points at this folder."""
