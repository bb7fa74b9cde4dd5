# Reference results from R's survey package for the perceptions analysis tests.
#
# Run from the repository root:  Rscript perceptions/r/make_fixtures.R [OUTPUT_DIR]
# (default tests/perceptions/analysis/fixtures). Needs r-base-core, r-cran-survey,
# r-cran-mass and r-cran-jsonlite. Everything is generated from a fixed seed, so a rerun
# rewrites the same files:
#   census.csv     constructed population in the census file's layout (4 wards)
#   responses.csv  three waves; 2024 has no respondent in ward E05013970 (cannot be raked)
#   reference.json weights, domain estimates (svymean, svyciprop xlogit, deff) and the
#                  2022 -> 2023 changes with Benjamini-Hochberg q-values
# The calls are the ones fixed by docs/survey-data-contract.md section 3.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "tests/perceptions/analysis/fixtures"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
set.seed(20240601)

wards <- c("E05013967", "E05013968", "E05013969", "E05013970")
ward_names <- c("Beam Park", "Cranham", "Elm Park", "Emerson Park")
bands <- c("16-24", "25-34", "35-49", "50-64", "65+")
census_groups <- c("Aged 15 years and under", "Aged 16 to 24 years", "Aged 25 to 34 years",
                   "Aged 35 to 49 years", "Aged 50 to 64 years", "Aged 65 years and over")

# Population: ward x age cells (the under-15 row is dropped by the analysis).
cells <- round(outer(c(1.0, 1.4, 0.8, 1.2), c(0.9, 1.1, 1.5, 1.3, 1.2)) * 1000 +
               matrix(sample(0:200, 20, replace = TRUE), 4, 5))
census <- data.frame(
  ward22cd = rep(wards, each = 6),
  ward22nm = rep(ward_names, each = 6),
  age_group = rep(census_groups, times = 4),
  usual_residents = as.vector(t(cbind(sample(800:1500, 4), cells)))
)
write.csv(census, file.path(out_dir, "census.csv"), row.names = FALSE, quote = FALSE)

questions <- list(
  good_job = list(c("excellent", "good", "fair", "poor", "very_poor"), c("excellent", "good")),
  trust_mps = list(c("strongly_agree", "tend_to_agree", "neither", "tend_to_disagree",
                     "strongly_disagree"), c("strongly_agree", "tend_to_agree")),
  informed_local = list(c("very_well", "fairly_well", "not_at_all"),
                        c("very_well", "fairly_well")),
  contact_ward_officer = list(c("yes", "no"), "yes"),
  feel_safe_night = list(c("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe",
                           "do_not_go_out"), c("very_safe", "fairly_safe"))
)

# Uneven sampling so that weights vary; 16-24 is rare (small domains, n < 10).
ward_p <- c(0.2, 0.35, 0.25, 0.2)
age_p <- c(0.05, 0.15, 0.25, 0.25, 0.3)

make_wave <- function(wave, m, ward_p) {
  ward <- sample(wards, m, replace = TRUE, prob = ward_p)
  age <- sample(bands, m, replace = TRUE, prob = age_p)
  ward[runif(m) < 0.03] <- NA
  age[runif(m) < 0.03] <- NA
  d <- data.frame(wave = wave, respondent_id = sprintf("r%d-%04d", wave, seq_len(m)),
                  ward_code = ward, age_band = age, stringsAsFactors = FALSE)
  lean <- 0.15 * (match(age, bands, nomatch = 3) - 3) + 0.1 * (match(ward, wards, nomatch = 2) - 2)
  for (q in names(questions)) {
    codes <- questions[[q]][[1]]
    positive <- questions[[q]][[2]]
    negative <- setdiff(codes, positive)
    is_pos <- runif(m) < plogis(0.3 + lean + rnorm(1, 0, 0.3))
    ans <- ifelse(is_pos, sample(positive, m, replace = TRUE),
                  sample(negative, m, replace = TRUE))
    u <- runif(m)
    ans[u < 0.12] <- "dont_know"
    ans[u < 0.05] <- "refused"
    ans[u < 0.03] <- NA
    if (q == "contact_ward_officer") ans[runif(m) < 0.6] <- NA  # asked of few
    d[[q]] <- ans
  }
  d
}

responses <- rbind(
  make_wave(2022, 320, ward_p),
  make_wave(2023, 260, ward_p),
  make_wave(2024, 150, c(0.3, 0.4, 0.3, 0))
)
write.csv(responses, file.path(out_dir, "responses.csv"), row.names = FALSE, na = "",
          quote = FALSE)

ward_totals <- rowSums(cells)
age_totals <- colSums(cells)

domain_rows <- list()
weight_rows <- list()
for (wave in c(2022, 2023)) {
  d <- responses[responses$wave == wave & !is.na(responses$ward_code) &
                   !is.na(responses$age_band), ]
  d$ward_code <- factor(d$ward_code, levels = wards)
  d$age_band <- factor(d$age_band, levels = bands)
  des <- svydesign(ids = ~1, weights = ~1, data = d)
  mm_names <- colnames(model.matrix(~ward_code + age_band, d))
  pop <- c(sum(cells), ward_totals[-1], age_totals[-1])
  names(pop) <- mm_names
  cal <- calibrate(des, ~ward_code + age_band, population = pop, calfun = "raking",
                   epsilon = 1e-10)
  weight_rows[[length(weight_rows) + 1]] <- data.frame(
    wave = wave, respondent_id = d$respondent_id, weight = weights(cal))
  groups <- c(list(list("borough", "all", rep(TRUE, nrow(d)))),
              lapply(wards, function(w) list("ward", w, d$ward_code == w)),
              lapply(bands, function(b) list("age_band", b, d$age_band == b)))
  for (q in names(questions)) {
    ans <- d[[q]]
    answered <- !is.na(ans)
    in_base <- answered & !(ans %in% c("dont_know", "refused"))
    cal$variables$y <- as.numeric(ans %in% questions[[q]][[2]])
    cal$variables$dk <- as.numeric(ans %in% "dont_know")
    for (g in groups) {
      dom <- in_base & g[[3]]
      n <- sum(dom)
      row <- list(wave = wave, measure = q, group = g[[1]], group_value = g[[2]], n = n,
                  estimate = NA, se = NA, ci_low = NA, ci_high = NA, design_effect = NA,
                  dont_know = NA)
      if (n >= 2) {
        sub <- subset(cal, dom)
        est <- svymean(~y, sub, deff = "replace")
        p <- unname(coef(est))
        row$estimate <- p
        row$se <- unname(SE(est))
        if (p > 0 && p < 1) {
          row$design_effect <- unname(deff(est))
          ci <- confint(svyciprop(~y, sub, method = "xlogit"))
          row$ci_low <- ci[1]
          row$ci_high <- ci[2]
        }
      }
      if (sum(answered & g[[3]]) >= 1) {
        row$dont_know <- unname(coef(svymean(~dk, subset(cal, answered & g[[3]]))))
      }
      domain_rows[[length(domain_rows) + 1]] <- row
    }
  }
}
domains <- do.call(rbind.data.frame, domain_rows)

# Changes 2022 -> 2023 where neither estimate is suppressed (n >= 10).
a <- domains[domains$wave == 2022, ]
b <- domains[domains$wave == 2023, ]
keep <- a$n >= 10 & b$n >= 10
changes <- data.frame(measure = a$measure[keep], group = a$group[keep],
                      group_value = a$group_value[keep], from_wave = 2022, to_wave = 2023,
                      difference = b$estimate[keep] - a$estimate[keep],
                      se = sqrt(a$se[keep]^2 + b$se[keep]^2))
changes$p_value <- ifelse(changes$se > 0, 2 * pnorm(-abs(changes$difference / changes$se)), NA)
changes$q_value <- NA
testable <- !is.na(changes$p_value)
changes$q_value[testable] <- p.adjust(changes$p_value[testable], method = "BH")

reference <- list(
  survey_version = as.character(packageVersion("survey")),
  weights = do.call(rbind, weight_rows),
  domains = domains,
  changes = changes,
  unweighted_waves = list(list(wave = 2024, reason = "no respondents in ward E05013970"))
)
writeLines(toJSON(reference, digits = NA, na = "null", auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "reference.json"))
cat("wrote", out_dir, "\n")
