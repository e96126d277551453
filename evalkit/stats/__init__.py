"""Aggregation with clustered confidence intervals, time saved, and study planning.

* :func:`summarize` - per-group summaries of the scores table (cluster bootstrap CIs);
* :func:`time_saved` - documentation time with and without AI, time saved,
  mixed model, within-clinician test, projections (``basis`` measured/modelled);
* :func:`plan_study`, :func:`plan_table`, :func:`power_curve`,
  :func:`detectable_effect` - sample size and power with a design effect;
* :func:`pseudonymize`, :func:`suppress_small_cells` - for tables meant for sharing;
* :func:`compare_with_published`, :func:`rank_correlations` - per-system means beside a
  benchmark's published table, and Spearman rank agreement;
* :func:`compare_systems` - several systems on the same consultations: paired differences,
  cluster-bootstrap CIs, McNemar's test, ranks with their bootstrap distribution.

Methods and choices are documented in ``docs/statistics.md``.
"""

from evalkit.stats.ci import (
    FEW_CLUSTERS,
    Interval,
    cluster_bootstrap_mean,
    cluster_bootstrap_median,
    cluster_t_interval,
    t_interval,
    wilson_interval,
)
from evalkit.stats.compare import (
    DEFAULT_COMPARE_METRICS,
    SystemComparison,
    compare_systems,
    compare_with_published,
    rank_correlations,
)
from evalkit.stats.plan import (
    StudyPlan,
    design_effect,
    detectable_effect,
    plan_study,
    plan_table,
    power_curve,
    power_for,
    write_plan_tables,
)
from evalkit.stats.privacy import pseudonymize, read_salt, suppress_small_cells
from evalkit.stats.summary import (
    STATISTICS,
    Statistic,
    SummaryFiles,
    read_scores,
    summarize,
    write_summary_tables,
)
from evalkit.stats.time import (
    EditTimeModel,
    MixedModelResult,
    NoTimingDataError,
    WithinClinicianResult,
    documentation_seconds,
    fit_edit_time,
    fit_time_model,
    has_timing,
    time_per_note,
    time_saved,
    within_clinician_comparison,
)

__all__ = [
    "DEFAULT_COMPARE_METRICS",
    "STATISTICS",
    "EditTimeModel",
    "Interval",
    "MixedModelResult",
    "NoTimingDataError",
    "Statistic",
    "StudyPlan",
    "SummaryFiles",
    "WithinClinicianResult",
    "cluster_bootstrap_mean",
    "cluster_t_interval",
    "FEW_CLUSTERS",
    "cluster_bootstrap_median",
    "compare_systems",
    "compare_with_published",
    "SystemComparison",
    "design_effect",
    "detectable_effect",
    "documentation_seconds",
    "fit_edit_time",
    "fit_time_model",
    "has_timing",
    "plan_study",
    "plan_table",
    "power_curve",
    "power_for",
    "pseudonymize",
    "read_salt",
    "rank_correlations",
    "read_scores",
    "summarize",
    "suppress_small_cells",
    "t_interval",
    "time_per_note",
    "time_saved",
    "wilson_interval",
    "within_clinician_comparison",
    "write_plan_tables",
    "write_summary_tables",
]
