#!/usr/bin/env python3
"""Enrich news articles with morgue on Spark, and build one index shard per partition.

    python3 scripts/spark/enrich_job.py --master 'local[2]' --morgue target/release/morgue \
        --input articles.jsonl --output out/
    spark-submit --master yarn scripts/spark/enrich_job.py --morgue ./morgue \
        --input hdfs:///news/2024/*.jsonl.gz --output hdfs:///news/enriched-2024 \
        --shards-dir /mnt/shared/news-shards

Steps (see README "Running at scale"):
1. read JSON Lines articles (any Hadoop path; `.gz` read as text) or WARC files
   (`.warc`, `.warc.gz`, one file at a time);
2. pipe each partition through `morgue extract --jsonl --no-enrich -`, the binary shipped
   with the job (`SparkContext.addFile`), one process per partition: each article comes out
   parsed, with its content id, not yet enriched (about the size of the input), named
   `INPUT:part-NNNNN#LINE`;
3. shuffle those lines by content id (copies of an article meet in one shard and are indexed
   once, as one index would);
4. pipe each shard's lines through one `morgue index --enriched - --write-enriched FILE`,
   which enriches and indexes them into SHARDS/part-NNNNN and writes the enriched lines to
   OUTPUT/enriched/part-NNNNN (the hand-off format for Quickwit or OpenSearch). SHARDS is
   OUTPUT/shards for a local OUTPUT, else --shards-dir (a folder every executor can write to,
   such as a network mount): tantivy writes to a file system, not to HDFS or S3. For an OUTPUT
   on HDFS or S3 the enriched lines are relayed through Spark's text output instead.

Enrichment runs after the shuffle, in the process that indexes the shard: the lines that cross
the network are then the input's size, not the enriched lines' three to four times, and
neither Python nor a second morgue process handles the enriched lines.

`morgue search --index SHARDS` then searches the shards as one index. A summary is printed as
one JSON object on stdout: counts summed over the shards, the job's seconds and the slowest
shard's indexing seconds.
"""

import argparse
import itertools
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--master", help="Spark master (omit under spark-submit, which sets it)")
    p.add_argument("--morgue", required=True, help="the morgue binary to ship with the job")
    p.add_argument("--input", required=True, help="JSON Lines or WARC files (Hadoop path, globs)")
    p.add_argument("--output", required=True, help="folder for enriched/ (and shards/ if local)")
    p.add_argument("--shards-dir", help="where shards go when OUTPUT is not a local folder")
    p.add_argument("--partitions", type=int, help="input partitions (default: Spark's)")
    p.add_argument("--shards", type=int, help="index shards (default: one per input partition, rounded up to a multiple of "
                   "the cluster's task slots)")
    return p.parse_args(argv)


def is_local(path):
    return "://" not in path or path.startswith("file://")


def local_path(path):
    return path[len("file://"):] if path.startswith("file://") else path


def local_master(master):
    """The job runs in this process's own JVM (`--master local`, `local[N]`, `local[*]`)."""
    return master is not None and (master == "local" or master.startswith("local["))


def driver_java_options_given(conf):
    """The user chose the driver JVM's options already (a --conf, or PYSPARK_SUBMIT_ARGS)."""
    given = os.environ.get("PYSPARK_SUBMIT_ARGS", "")
    return (conf.contains("spark.driver.extraJavaOptions")
            or "extraJavaOptions" in given or "--driver-java-options" in given)


def shipped_morgue(name):
    """The binary as shipped to this executor, made executable (addFile keeps no mode bits)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def pipe(cmd, lines):
    """Run `cmd`, feed it `lines` (UTF-8 bytes, without newlines) on stdin from a thread, and
    yield its stdout lines (bytes, without the newline) as they come; stderr is kept for the
    error message. Exit code 2 (some input was bad, and said so in its place) is not a failure.
    Lines stay bytes from the input file to the output file: decoding and encoding each of them
    in Python cost the job more than a tenth of its time."""
    proc = subprocess.Popen(
        cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    failure = []

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line)
                proc.stdin.write(b"\n")
        except BrokenPipeError:
            pass
        except Exception as e:  # the iterator failed: stop the child and say why
            failure.append(e)
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    errors = []
    drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
    writer = threading.Thread(target=feed, daemon=True)
    drain.start()
    writer.start()
    for out in proc.stdout:
        yield out.rstrip(b"\n")
    writer.join()
    code = proc.wait()
    drain.join()
    if failure:
        raise failure[0]
    if code not in (0, 2):
        msg = b"".join(errors).decode("utf-8", "replace").strip()
        raise RuntimeError(f"{' '.join(cmd[:3])} exited with {code}: {msg}")


def enrich_partition(morgue_name, origin):
    def run(index, lines):
        morgue = shipped_morgue(morgue_name)
        name = f"{origin}:part-{index:05d}"
        cmd = [morgue, "extract", "--jsonl", "--no-enrich", "--origin", name, "-"]
        yield from pipe(cmd, lines)

    return run


def enrich_warc(morgue_name):
    """One WARC file (path, bytes) → its articles as lines still to be enriched, the record
    paths named after the original file rather than the executor's temporary copy."""

    def run(item):
        path, data = item
        morgue = shipped_morgue(morgue_name)
        suffix = ".warc.gz" if path.endswith(".gz") else ".warc"
        with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
            tmp.write(data)
            tmp.flush()
            done = subprocess.run(
                [morgue, "extract", "--jsonl", "--no-enrich", tmp.name], capture_output=True
            )
            if done.returncode not in (0, 2):
                raise RuntimeError(f"morgue extract {path}: {done.stderr.decode().strip()}")
            real = os.path.realpath(tmp.name)
            for line in done.stdout.decode("utf-8").splitlines():
                article = json.loads(line)
                if isinstance(article.get("path"), str):
                    article["path"] = article["path"].replace(real, path, 1)
                # Compact, as morgue writes it: `content_id` reads the id from the line's
                # first bytes, `{"id":"`, which json.dumps's default ", " and ": " would break.
                yield json.dumps(article, ensure_ascii=False, separators=(",", ":")).encode()

    return run


def content_id(line):
    """The id of a line of `morgue extract --jsonl`: written first, so it is read without
    parsing the line; an error line has none."""
    prefix = b'{"id":"'
    if line.startswith(prefix):
        return line[len(prefix):len(prefix) + 16]
    return None


def index_partition(morgue_name, shards_dir, enriched_dir, reports, threads):
    """Each shard's lines go into one `morgue index --enriched - --write-enriched FILE`, which
    enriches and indexes them and writes the enriched lines to FILE: ENRICHED_DIR/part-NNNNN
    when the output is a local folder (nothing is yielded), else a temporary file whose lines
    are yielded for Spark's text output. The shard's JSON report goes to `reports` (an
    accumulator). `threads` is the task's share of its executor's cores (spark.task.cpus):
    left to itself morgue would start a worker per core of the machine in every task, and an
    executor running one task per core would then run cores x cores workers."""

    def run(index, lines):
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            return  # no article hashed here: no shard
        morgue = shipped_morgue(morgue_name)
        target = os.path.join(shards_dir, f"part-{index:05d}")
        if enriched_dir is not None:
            tee, relay = os.path.join(enriched_dir, f"part-{index:05d}"), None
        else:
            relay = tempfile.NamedTemporaryFile(suffix=".jsonl")
            tee = relay.name
        cmd = [morgue, "index", "--json", "--index", target, "--threads", str(threads),
               "--enriched", "-", "--write-enriched", tee]
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        # Both outputs are drained from threads so that the child never blocks on a full pipe
        # while this task is feeding it.
        out, err = [], []
        drains = [
            threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True),
            threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True),
        ]
        for d in drains:
            d.start()
        try:
            for line in itertools.chain([first], lines):
                proc.stdin.write(line)
                proc.stdin.write(b"\n")
        except BrokenPipeError:
            pass  # the exit code below says why
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass
        code = proc.wait()
        for d in drains:
            d.join()
        if code not in (0, 2):
            msg = b"".join(err).decode("utf-8", "replace").strip()
            raise RuntimeError(f"{' '.join(cmd[:2])} {target} exited with {code}: {msg}")
        for report in b"".join(out).decode("utf-8").splitlines():
            if report.startswith("{"):
                reports.add([report])
        if relay is not None:
            with relay:
                for line in relay:
                    yield line.rstrip(b"\n")

    return run


def main(argv):
    args = parse_args(argv)
    from pyspark import AccumulatorParam, SparkConf, SparkContext

    class ListParam(AccumulatorParam):
        """Shard reports gathered from the tasks (a retried task may report twice; the
        summary's counts then say more than the shards hold, never less)."""

        def zero(self, value):
            return []

        def addInPlace(self, a, b):
            return a + b

    output = args.output.rstrip("/")
    if args.shards_dir:
        shards_dir = args.shards_dir
    elif is_local(output):
        shards_dir = os.path.join(local_path(output), "shards")
    else:
        sys.exit("enrich_job: --output is not a local folder; give --shards-dir, a folder every "
                 "executor can write to (tantivy indexes are written to a file system)")
    if os.path.exists(shards_dir) and os.listdir(shards_dir):
        sys.exit(f"enrich_job: {shards_dir} exists and is not empty; choose another --output")
    # A local output's enriched lines are written there by morgue itself, one file a shard.
    enriched_dir = os.path.join(local_path(output), "enriched") if is_local(output) else None
    if enriched_dir is not None and os.path.exists(enriched_dir) and os.listdir(enriched_dir):
        sys.exit(f"enrich_job: {enriched_dir} exists and is not empty; choose another --output")
    if not os.path.isfile(args.morgue):
        sys.exit(f"enrich_job: {args.morgue}: no such file (build it with cargo build --release)")

    conf = SparkConf().setAppName("morgue-enrich")
    if args.master:
        conf = conf.setMaster(args.master)
    if local_master(args.master) and not driver_java_options_given(conf):
        # In local mode the one JVM only starts Spark and moves bytes (the text input, the
        # shuffle): morgue does the work. Its just-in-time compiler's optimising tier cost more
        # than it saved there: a local[2] job's JVM took 11.7 CPU s with it and 5.8 without on
        # 10 x BBC, and 7.8 against 4.3 for a job of no work (scripts/spark/bench; README).
        conf = conf.set("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    started = time.time()
    try:
        sc.addFile(os.path.abspath(args.morgue))
        name = os.path.basename(args.morgue)
        warc = args.input.endswith((".warc", ".warc.gz"))
        if warc:
            files = sc.binaryFiles(args.input, args.partitions or sc.defaultMinPartitions)
            enriched = files.flatMap(enrich_warc(name))
        else:
            origin = args.input.rstrip("/").rsplit("/", 1)[-1]
            lines = sc.textFile(
                args.input, args.partitions or sc.defaultMinPartitions, use_unicode=False
            )
            enriched = lines.mapPartitionsWithIndex(enrich_partition(name, origin))
        partitions = enriched.getNumPartitions()
        # Each shard is one task, and tasks run in waves of the executors' slots: 7 shards on 2
        # slots leave one slot idle for the whole last wave (a quarter of the run on 2 cores). So
        # by default the shards are the input partitions rounded up to a multiple of the slots.
        threads = max(1, int(sc.getConf().get("spark.task.cpus", "1")))
        slots = max(1, sc.defaultParallelism // threads)
        shards = args.shards or -(-partitions // slots) * slots
        errors = sc.accumulator(0)
        # The error lines themselves (`{"error":…,"line":N,…}`, morgue's reason for each input
        # line that is not an article), the first few of each partition, for stderr.
        error_samples = sc.accumulator([], ListParam())

        def keyed(index, lines):
            shown = 0
            for line in lines:
                key = content_id(line)
                if key is None:
                    errors.add(1)
                    if shown < 20:
                        reason = line[:500].decode("utf-8", "replace")
                        error_samples.add([f"input partition {index:05d}: {reason}"])
                        shown += 1
                    continue
                yield (key, line)

        # Shard by content id (its first 8 hex digits), so that copies meet; each shard is
        # indexed while its lines are written out (index_partition), in one stage.
        reports = sc.accumulator([], ListParam())
        by_id = (
            enriched.mapPartitionsWithIndex(keyed)
            .partitionBy(shards, lambda key: int(key[:8], 16))
            .values()
        )
        if is_local(shards_dir):
            os.makedirs(local_path(shards_dir), exist_ok=True)
        if enriched_dir is not None:
            os.makedirs(enriched_dir, exist_ok=True)
            by_id.mapPartitionsWithIndex(
                index_partition(name, shards_dir, enriched_dir, reports, threads)
            ).count()
        else:
            by_id.mapPartitionsWithIndex(
                index_partition(name, shards_dir, None, reports, threads)
            ).saveAsTextFile(output + "/enriched")
        reports = reports.value
    finally:
        sc.stop()
    finished = time.time()
    totals = {}
    for r in reports:
        for k, v in json.loads(r).items():
            if isinstance(v, (int, float)) and k != "seconds":
                totals[k] = totals.get(k, 0) + v
    summary = {
        "input_partitions": partitions,
        "shards": len(reports),
        "shards_dir": shards_dir,
        "enriched": output + "/enriched",
        "bad_lines": errors.value,
        "seconds_index_shard_max": max(
            (json.loads(r).get("seconds", 0) for r in reports), default=0
        ),
        "seconds": round(finished - started, 2),
    }
    summary.update(totals)
    if errors.value:
        # Never a silent skip: every input line that did not become an article is counted in
        # the summary, and morgue's reasons for the first ones are printed here.
        print(f"enrich_job: {errors.value} input lines were not articles; the first reasons:",
              file=sys.stderr)
        for line in error_samples.value[:20]:
            print(f"  {line}", file=sys.stderr)
    print(json.dumps(summary))


if __name__ == "__main__":
    main(sys.argv[1:])
