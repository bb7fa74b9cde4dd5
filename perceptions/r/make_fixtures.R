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
#   sparse_census.csv, sparse_responses.csv, sparse_reference.json (issue 18): 20 wards x 5
#                  age bands, three waves of 680 respondents x 5 measures drawn with seeds
#                  8, 23 and 59 (2023-2025): extreme weights (about 9 to 11,400), empty
#                  ward x age cells, all-alike wards, a ward with heavy don't-know; and a
#                  2026 wave (seed 97) with no respondents in one ward (cannot be raked).
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

# The contract's calls (section 3) for every weighted wave of `responses`: weights and
# domain rows (borough, every ward, every age band) for every question.
# `start`: "one" gives svydesign(weights = ~1) as the contract writes it; "mean" starts
# every respondent at N/n instead. A constant starting weight is absorbed by the raking
# intercept, so the weights and standard errors are the same; R's Newton steps need the
# closer start to converge on the sparse waves.
reference_rows <- function(responses, waves, wards, cells, start = "one") {
  ward_totals <- rowSums(cells)
  age_totals <- colSums(cells)
  domain_rows <- list()
  weight_rows <- list()
  for (wave in waves) {
    d <- responses[responses$wave == wave & !is.na(responses$ward_code) &
                     !is.na(responses$age_band), ]
    d$ward_code <- factor(d$ward_code, levels = wards)
    d$age_band <- factor(d$age_band, levels = bands)
    d$start_weight <- if (start == "mean") sum(cells) / nrow(d) else 1
    des <- svydesign(ids = ~1, weights = ~start_weight, data = d)
    mm_names <- colnames(model.matrix(~ward_code + age_band, d))
    pop <- c(sum(cells), ward_totals[-1], age_totals[-1])
    names(pop) <- mm_names
    # maxit: R's default of 50 iterations is too few for sparse waves (the contract's
    # raking runs up to 1,000); waves that converge sooner are unchanged by it.
    cal <- calibrate(des, ~ward_code + age_band, population = pop, calfun = "raking",
                     epsilon = 1e-10, maxit = 1000)
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
        if (n == 1) {
          row$estimate <- unname(coef(svymean(~y, subset(cal, dom))))
        }
        if (n >= 2) {
          sub <- subset(cal, dom)
          est <- svymean(~y, sub, deff = "replace")
          p <- unname(coef(est))
          row$estimate <- p
          row$se <- unname(SE(est))
          # "p exactly 0 or 1" means every answer alike: R's sums can leave p = 1 - 1e-16
          # there, so the test is on the answers, not on p.
          if (length(unique(cal$variables$y[dom])) > 1) {
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
  list(weights = do.call(rbind, weight_rows), domains = do.call(rbind.data.frame, domain_rows))
}

# Changes between consecutive weighted waves where neither estimate is suppressed (n >= 10),
# Benjamini-Hochberg adjusted over all of them together (the contract report's family).
change_rows <- function(domains, waves) {
  parts <- list()
  for (i in seq_along(waves)[-1]) {
    a <- domains[domains$wave == waves[i - 1], ]
    b <- domains[domains$wave == waves[i], ]
    keep <- a$n >= 10 & b$n >= 10
    parts[[length(parts) + 1]] <- data.frame(
      measure = a$measure[keep], group = a$group[keep], group_value = a$group_value[keep],
      from_wave = waves[i - 1], to_wave = waves[i],
      difference = b$estimate[keep] - a$estimate[keep],
      se = sqrt(a$se[keep]^2 + b$se[keep]^2))
  }
  changes <- do.call(rbind, parts)
  # An all-alike domain has se 0 in exact arithmetic; R's sums can leave 1e-32 there
  # (and a difference of 1e-16), which is rounding, not a change: untested, as in the report.
  changes$p_value <- ifelse(changes$se > 1e-12,
                            2 * pnorm(-abs(changes$difference / changes$se)), NA)
  changes$q_value <- NA
  testable <- !is.na(changes$p_value)
  changes$q_value[testable] <- p.adjust(changes$p_value[testable], method = "BH")
  changes
}

computed <- reference_rows(responses, c(2022, 2023), wards, cells)
domains <- computed$domains
changes <- change_rows(domains, c(2022, 2023))

reference <- list(
  survey_version = as.character(packageVersion("survey")),
  weights = computed$weights,
  domains = domains,
  changes = changes,
  unweighted_waves = list(list(wave = 2024, reason = "no respondents in ward E05013970"))
)
writeLines(toJSON(reference, digits = NA, na = "null", auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "reference.json"))
cat("wrote", out_dir, "\n")

# ---------------------------------------------------------------------------------------
# Sparse fixtures (issue 18): what broke the fast path's rank cut-off. Each wave draws its
# own seed, so the set above is unchanged by this one.
set.seed(18)
sparse_wards <- sprintf("E0509%04d", 1:20)
sparse_names <- sprintf("Sparse ward %02d", 1:20)
ward_size <- round(exp(runif(20, log(1000), log(40000))))
sparse_cells <- round(outer(ward_size, c(0.14, 0.17, 0.25, 0.23, 0.21)) *
                        matrix(runif(100, 0.7, 1.3), 20, 5))
sparse_census <- data.frame(
  ward22cd = rep(sparse_wards, each = 6),
  ward22nm = rep(sparse_names, each = 6),
  age_group = rep(census_groups, times = 20),
  usual_residents = as.vector(t(cbind(round(ward_size * 0.2), sparse_cells)))
)
write.csv(sparse_census, file.path(out_dir, "sparse_census.csv"), row.names = FALSE,
          quote = FALSE)

ALIKE_POSITIVE <- 3   # everyone in this ward gives a positive answer to every question
ALIKE_NEGATIVE <- 4   # everyone here gives a negative answer to trust_mps
HEAVY_DONT_KNOW <- 5  # 85% don't know here

make_sparse_wave <- function(wave, seed, m, missing_ward = NA) {
  set.seed(seed)
  ward_p <- rgamma(20, shape = 0.5)
  ward_p[c(ALIKE_POSITIVE, ALIKE_NEGATIVE, HEAVY_DONT_KNOW)] <- 0.6
  if (!is.na(missing_ward)) ward_p[missing_ward] <- 0
  age_p <- c(0.01, 0.06, 0.25, 0.3, 0.38)
  ward <- sample(seq_len(20), m, replace = TRUE, prob = ward_p)
  age <- sample(seq_len(5), m, replace = TRUE, prob = age_p)
  # Every ward (but the missing one) has someone aged 50-64 and 65+, the ten largest have
  # someone in every band and every band has someone, so raking has a solution (rare bands
  # are not shut into small wards) and the wave is weighted; many cells stay empty.
  spare <- sample(m)
  largest <- setdiff(order(-ward_size)[1:10], missing_ward)
  for (k in setdiff(seq_len(20), missing_ward)) {
    for (a in if (k %in% largest) 1:5 else c(4, 5)) {
      if (!any(ward == k & age == a)) {
        i <- spare[1]
        spare <- spare[-1]
        ward[i] <- k
        age[i] <- a
      }
    }
  }
  for (a in seq_len(5)) if (!any(age == a)) age[spare[a]] <- a
  ward_code <- sparse_wards[ward]
  age_band <- bands[age]
  ward_code[runif(m) < 0.02] <- NA
  age_band[runif(m) < 0.02] <- NA
  d <- data.frame(wave = wave, respondent_id = sprintf("s%d-%04d", wave, seq_len(m)),
                  ward_code = ward_code, age_band = age_band, stringsAsFactors = FALSE)
  for (q in names(questions)) {
    codes <- questions[[q]][[1]]
    positive <- questions[[q]][[2]]
    negative <- setdiff(codes, positive)
    is_pos <- runif(m) < plogis(rnorm(1, 0, 0.5) + 0.2 * (age - 3))
    is_pos[ward == ALIKE_POSITIVE] <- TRUE
    if (q == "trust_mps") is_pos[ward == ALIKE_NEGATIVE] <- FALSE
    ans <- ifelse(is_pos, sample(positive, m, replace = TRUE),
                  sample(negative, m, replace = TRUE))
    u <- runif(m)
    alike <- ward %in% c(ALIKE_POSITIVE, ALIKE_NEGATIVE)
    ans[u < 0.08 & !alike] <- "dont_know"
    ans[u < 0.03 & !alike] <- "refused"
    ans[u < 0.02 & !alike] <- NA
    ans[ward == HEAVY_DONT_KNOW & runif(m) < 0.85] <- "dont_know"
    d[[q]] <- ans
  }
  d
}

sparse_waves <- c(2023, 2024, 2025)
sparse_responses <- rbind(
  make_sparse_wave(2023, 8, 680),
  make_sparse_wave(2024, 23, 680),
  make_sparse_wave(2025, 59, 680),
  make_sparse_wave(2026, 97, 680, missing_ward = 20)
)
write.csv(sparse_responses, file.path(out_dir, "sparse_responses.csv"), row.names = FALSE,
          na = "", quote = FALSE)
sparse <- reference_rows(sparse_responses, sparse_waves, sparse_wards, sparse_cells,
                         start = "mean")
sparse_reference <- list(
  survey_version = as.character(packageVersion("survey")),
  seeds = list(`2023` = 8, `2024` = 23, `2025` = 59, `2026` = 97),
  weights = sparse$weights,
  domains = sparse$domains,
  changes = change_rows(sparse$domains, sparse_waves),
  unweighted_waves = list(list(wave = 2026, reason = paste("no respondents in ward",
                                                           sparse_wards[20])))
)
writeLines(toJSON(sparse_reference, digits = NA, na = "null", auto_unbox = TRUE, pretty = TRUE),
           file.path(out_dir, "sparse_reference.json"))
w <- sparse$weights$weight
cat("sparse weights", min(w), "to", max(w), "\n")
