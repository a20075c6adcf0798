import numpy as np

from matching.build import char_histograms
from matching.scratch import Scratch


def test_common_characters_are_the_bucketwise_minimum():
    texts = ["nurse", "software developer", "zz top", "ärztin"]
    rows = char_histograms(texts)
    query = char_histograms(["senior nurse"])[0]
    expected = [int(np.minimum(row, query).sum()) for row in rows]
    assert Scratch().common_chars(rows, query).tolist() == expected
