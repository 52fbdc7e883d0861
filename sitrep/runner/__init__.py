"""Runners: the same analysis (``sitrep.core.analyze_documents``) and store (``Store.add_many``) spread over more
than one process.

    cluster.py    ``sitrep ingest --workers N`` (a Dask LocalCluster) or ``--scheduler tcp://host:8786`` (an
                  existing Dask cluster): workers analyse, the caller writes to the store in batches, resumably
    progress.py   the progress line on stderr
"""
