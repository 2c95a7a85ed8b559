"""Per-job footprints of Slurm accounting logs in Spark, with ``mapInArrow``: each
partition's record batches go through empreinte.hpc on the executors.

    empreinte hpc --generate 100000 > sacct.log
    empreinte hpc --example-cluster synthetic > cluster.toml
    python examples/hpc/spark_map_in_arrow.py sacct.log cluster.toml

Needs ``pip install empreinte pyspark`` and Java 17+; runs in local mode here, and as is
on a cluster whose executors have empreinte installed.
"""

import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import empreinte.hpc as hpc

log, cluster = sys.argv[1], sys.argv[2]
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
spark = (
    SparkSession.builder.master("local[2]")
    .appName("empreinte-hpc")
    .config("spark.ui.enabled", "false")
    .config("spark.driver.bindAddress", "127.0.0.1")
    .config("spark.driver.host", "127.0.0.1")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")

lines = spark.read.csv(log, sep="|", header=True)  # every column as text, as sacct wrote it
jobs = (
    # a job's lines (its own and its steps') must be in one partition, in order
    lines.withColumn("job", F.regexp_extract("JobID", r"^[^.]+", 0))
    .repartition("job")
    .sortWithinPartitions("JobID")
    .drop("job")
    .mapInArrow(hpc.map_in_arrow(cluster), hpc.spark_schema())
)
jobs.groupBy("account").agg(
    F.count("*").alias("jobs"), F.sum("energy_kwh").alias("energy_kwh"), F.sum("co2e_g").alias("co2e_g")
).orderBy(F.desc("co2e_g")).show(5)
n, total = jobs.agg(F.count("*"), F.sum("co2e_g")).collect()[0]
print(f"spark: {n} jobs, {total:.6f} g CO2e")
spark.stop()
