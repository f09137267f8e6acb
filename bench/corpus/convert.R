# The corpus tables that come from R packages in Debian (bench/corpus/tables.tsv says which), each
# written as CSV the way R itself writes one: write.csv with its defaults except row names (a header,
# strings and factors double-quoted with inner quotes doubled, missing values as NA, numbers with up
# to 15 significant digits, dates as yyyy-mm-dd). Deterministic: the same packages give the same
# bytes. Date-times are written in the time zone the data records (its tzone attribute), never the
# machine's.
#
# usage: Rscript bench/corpus/convert.R OUT_DIR [NAME...]     (no names: every table below)

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript convert.R OUT_DIR [NAME...]")
out <- args[1]
only <- args[-1]

load_data <- function(package, object) {
  e <- new.env()
  data(list = object, package = package, envir = e)
  get(object, envir = e)
}

# A POSIXct column as text in the zone the data carries, seconds included.
local_time <- function(x) {
  zone <- attr(x, "tzone")
  if (is.null(zone) || zone == "") stop("a date-time column without a recorded time zone")
  format(x, "%Y-%m-%d %H:%M:%S", tz = zone)
}

tables <- list(
  # modeldata
  attrition = function() load_data("modeldata", "attrition"),
  mlc_churn = function() load_data("modeldata", "mlc_churn"),
  lending_club = function() load_data("modeldata", "lending_club"),
  pd_speech = function() load_data("modeldata", "pd_speech"),
  ames = function() load_data("modeldata", "ames"),
  chicago = function() load_data("modeldata", "Chicago"),
  tate = function() load_data("modeldata", "tate_text"),
  # dslabs
  trump_tweets = function() {
    d <- load_data("dslabs", "trump_tweets")
    d$created_at <- local_time(d$created_at)
    d
  },
  olive = function() load_data("dslabs", "olive"),
  gapminder = function() load_data("dslabs", "gapminder"),
  tissue_genes = function() {
    # A list of a 189 x 500 matrix (genes) and the tissue of each sample. The matrix's row names
    # name the tissue too, so they are left out.
    l <- load_data("dslabs", "tissue_gene_expression")
    d <- as.data.frame(l$x, stringsAsFactors = FALSE)
    rownames(d) <- NULL
    d$tissue <- l$y
    d
  },
  # mlbench
  house_votes = function() load_data("mlbench", "HouseVotes84"),
  soybean = function() load_data("mlbench", "Soybean"),
  pima_diabetes = function() load_data("mlbench", "PimaIndiansDiabetes2"),
  # carData
  titanic = function() {
    # The passengers' names are the row names: kept, as the first column.
    d <- load_data("carData", "TitanicSurvival")
    cbind(name = rownames(d), d, stringsAsFactors = FALSE)
  },
  mpls_stops = function() {
    d <- load_data("carData", "MplsStops")
    d$date <- local_time(d$date)
    d
  },
  # survival (a recommended package: installed with r-base-core's r-recommended, or r-cran-survival)
  pbc = function() load_data("survival", "pbc")
)

names_wanted <- if (length(only) > 0) only else names(tables)
unknown <- setdiff(names_wanted, names(tables))
if (length(unknown) > 0) stop("no R table named ", paste(unknown, collapse = ", "))
dir.create(out, showWarnings = FALSE, recursive = TRUE)
for (name in names_wanted) {
  d <- as.data.frame(tables[[name]]())
  rownames(d) <- NULL
  file <- file.path(out, paste0(name, ".csv"))
  write.csv(d, file, row.names = FALSE, fileEncoding = "UTF-8")
  cat(sprintf("%-14s %7d rows %5d columns  %s\n", name, nrow(d), ncol(d), file))
}
