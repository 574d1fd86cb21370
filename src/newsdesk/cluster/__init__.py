"""Cross-outlet story clustering: embeddings, incremental assignment, merges, recluster.

Nothing heavy is imported here; the embedding model loads on first use.
"""

from newsdesk.cluster.features import ArticleFeatures, features_batch, features_for
from newsdesk.cluster.stories import Assignment, ClusterConfig, StoryAssigner, recluster
from newsdesk.cluster.story import Story

__all__ = [
    "ArticleFeatures",
    "Assignment",
    "ClusterConfig",
    "Story",
    "StoryAssigner",
    "features_batch",
    "features_for",
    "recluster",
]
