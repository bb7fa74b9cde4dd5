# Reference result from R's survey package for the trial evaluation (difference in
# differences of a staggered roll-out, perceptions/analysis/trials.py).
#
# Run from the repository root:  Rscript perceptions/r/make_trial_fixtures.R [OUTPUT_DIR]
# (default tests/perceptions/analysis/fixtures). Needs r-base-core, r-cran-survey,
# r-cran-mass and r-cran-jsonlite. Generated from a fixed seed, so a rerun rewrites the
# same files:
#   trial_responses.csv  two periods of respondents in six trial wards (some unweightable)
#   trial_reference.json the trial wards' population totals, the four cell shares and the
#                        group:period coefficient of svyglm(y ~ group * period) with its
#                        standard error and 95% interval
# Design: each period is a stratum, raked on its own to the trial wards' ward and age
# totals (the contract's calibration, per period), then a domain (answers in the base).

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "tests/perceptions/analysis/fixtures"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
set.seed(20261207)

wards <- c("E05013967", "E05013968", "E05013969", "E05013970", "E05013971", "E05013972")
early <- c("E05013968", "E05013970", "E05013971")
bands <- c("16-24", "25-34", "35-49", "50-64", "65+")
cells <- round(outer(c(1.0, 1.3, 0.8, 1.1, 0.9, 1.2), c(0.9, 1.1, 1.5, 1.3, 1.2)) * 1000 +
               matrix(sample(0:200, 30, replace = TRUE), 6, 5))
ward_totals <- rowSums(cells)
age_totals <- colSums(cells)

answers <- c("very_well", "fairly_well", "not_at_all")
make_period <- function(period, m) {
  ward <- sample(wards, m, replace = TRUE, prob = c(0.2, 0.15, 0.2, 0.15, 0.15, 0.15))
  age <- sample(bands, m, replace = TRUE, prob = c(0.08, 0.14, 0.24, 0.26, 0.28))
  ward[runif(m) < 0.02] <- NA
  age[runif(m) < 0.03] <- NA
  lean <- 0.12 * (match(age, bands, nomatch = 3) - 3)
  lift <- ifelse(period == "after" & ward %in% early, 0.45, 0) + ifelse(period == "after", 0.1, 0)
  pos <- runif(m) < plogis(-0.2 + lean + lift)
  ans <- ifelse(pos, sample(answers[1:2], m, replace = TRUE), "not_at_all")
  u <- runif(m)
  ans[u < 0.10] <- "dont_know"
  ans[u < 0.04] <- "refused"
  ans[u < 0.02] <- NA
  data.frame(period = period, respondent_id = sprintf("%s-%04d", period, seq_len(m)),
             group = ifelse(is.na(ward), NA, ifelse(ward %in% early, "early", "late")),
             ward_code = ward, age_band = age, answer = ans, stringsAsFactors = FALSE)
}
responses <- rbind(make_period("before", 420), make_period("after", 380))
write.csv(responses, file.path(out_dir, "trial_responses.csv"), row.names = FALSE, na = "",
          quote = FALSE)

d <- responses[!is.na(responses$ward_code) & !is.na(responses$age_band), ]
d$period <- factor(d$period, levels = c("before", "after"))
d$group <- factor(d$group, levels = c("late", "early"))
d$y <- as.numeric(d$answer %in% answers[1:2])
d$in_base <- !is.na(d$answer) & !(d$answer %in% c("dont_know", "refused"))

# Calibration columns: per period an intercept and treatment dummies of ward and age band.
population <- c()
terms <- c()
for (h in levels(d$period)) {
  in_h <- as.numeric(d$period == h)
  d[[paste0("c_", h)]] <- in_h
  terms <- c(terms, paste0("c_", h))
  population <- c(population, sum(cells))
  for (k in 2:length(wards)) {
    name <- paste0("c_", h, "_w", k)
    d[[name]] <- in_h * (d$ward_code == wards[k])
    terms <- c(terms, name)
    population <- c(population, ward_totals[k])
  }
  for (a in 2:length(bands)) {
    name <- paste0("c_", h, "_a", a)
    d[[name]] <- in_h * (d$age_band == bands[a])
    terms <- c(terms, name)
    population <- c(population, age_totals[a])
  }
}
names(population) <- terms
des <- svydesign(ids = ~1, strata = ~period, weights = ~1, data = d)
cal <- calibrate(des, as.formula(paste("~ 0 +", paste(terms, collapse = " + "))),
                 population = population, calfun = "raking", epsilon = 1e-10)
sub <- subset(cal, in_base)
fit <- svyglm(y ~ group * period, design = sub)
term <- "groupearly:periodafter"
estimate <- unname(coef(fit)[term])
se <- unname(SE(fit)[term])
ci <- confint(fit, term, ddf = Inf)

shares <- svyby(~y, ~group + period, sub, svymean)
cell_rows <- lapply(seq_len(nrow(shares)), function(i) {
  list(group = as.character(shares$group[i]), period = as.character(shares$period[i]),
       n = sum(d$in_base & d$group == shares$group[i] & d$period == shares$period[i]),
       share = unname(shares$y[i]))
})

reference <- list(
  survey_version = as.character(packageVersion("survey")),
  measure = "informed_local",
  population = list(wards = wards, ward_totals = unname(ward_totals), age_bands = bands,
                    age_totals = unname(age_totals)),
  early = early,
  estimate = estimate,
  se = se,
  ci_low = ci[1],
  ci_high = ci[2],
  cells = cell_rows,
  weights = data.frame(respondent_id = d$respondent_id, weight = weights(cal))
)
writeLines(toJSON(reference, digits = NA, na = "null", auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "trial_reference.json"))
cat("wrote", out_dir, "\n")
