package io.rubrix.common.elasticsearch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.http.HttpEntity;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.ContentEncoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.entity.HttpAsyncContentProducer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/**
 * A newline-delimited JSON request body (a {@code _bulk}) written by Jackson straight into 64 kB blocks.
 * A 500-record bulk is about 600 kB: built as one String, then as its UTF-8 bytes, it made several arrays
 * larger than half a G1 region per request, each a "humongous" allocation that forced a collection.
 * One generator writes every JSON value of the body (a generator per value cost a fifth of the writing).
 */
public final class NdjsonBody {

    static final int BLOCK = 64 * 1024;
    /**
     * Blocks of the bodies given back by {@link #recycle}, taken by the next bodies: a record's bulk held its 600 kB
     * of blocks while Elasticsearch indexed it, long enough to be copied by young collections and promoted, a tenth of
     * what ingest-service allocated (ADR 0002). Bounded (4 MB): what a few bulks in flight at once need.
     */
    private static final BlockingQueue<byte[]> SPARE_BLOCKS = new ArrayBlockingQueue<>(64);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final List<byte[]> blocks = new ArrayList<>();
    private int used = BLOCK;
    private long size;
    private JsonGenerator generator;
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) {
            writeByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writeBytes(bytes, offset, length);
        }
    };

    /** Writes one JSON value with a generator. */
    @FunctionalInterface
    public interface JsonWriting {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /** Appends one JSON line written by {@code writing} with this body's generator (made by {@code mapper}). */
    public NdjsonBody line(ObjectMapper mapper, JsonWriting writing) {
        write(mapper, writing, "a JSON line");
        writeByte((byte) '\n');
        return this;
    }

    /** Appends {@code text}, a JSON value written on one line, as one line. */
    public NdjsonBody rawLine(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeBytes(bytes, 0, bytes.length);
        writeByte((byte) '\n');
        return this;
    }

    /** Appends {@code value} as one JSON line. */
    public NdjsonBody line(ObjectMapper mapper, Object value) {
        writeJson(mapper, value);
        writeByte((byte) '\n');
        return this;
    }

    /**
     * Appends a {@code _bulk} action line, e.g. {@code {"create":{"_index":"i","_id":"1"}}}; with a
     * {@code version} ({@code [seq_no, primary_term]}), the write happens only at that version.
     */
    public NdjsonBody action(ObjectMapper mapper, String operation, String index, String id, long... version) {
        return line(mapper, generator -> {
            generator.writeStartObject();
            generator.writeObjectFieldStart(operation);
            generator.writeStringField("_index", index);
            if (id != null) {
                generator.writeStringField("_id", id);
            }
            if (version.length == 2) {
                generator.writeNumberField("if_seq_no", version[0]);
                generator.writeNumberField("if_primary_term", version[1]);
            }
            generator.writeEndObject();
            generator.writeEndObject();
        });
    }

    /**
     * Appends one JSON line holding the fields of two objects, {@code first}'s then {@code second}'s
     * (e.g. a record and the fields derived from it), without building either as a tree.
     */
    public NdjsonBody mergedLine(ObjectMapper mapper, Object first, Object second) {
        writeJson(mapper, first);
        truncate(size - 1); // the closing brace of first
        long start = size;
        writeJson(mapper, second);
        if (size - start <= 2) {
            truncate(start); // second is {}: close first again
            writeByte((byte) '}');
        } else {
            set(start, (byte) ','); // second's opening brace joins the two field lists
        }
        writeByte((byte) '\n');
        return this;
    }

    public long size() {
        return size;
    }

    /**
     * Gives this body's blocks to the next bodies; only once it was sent whole and answered (Elasticsearch answers a
     * {@code _bulk} after reading all of it), never after a failure, when a socket may still be writing them. The body
     * is empty afterwards.
     */
    public void recycle() {
        releaseGenerator();
        blocks.forEach(SPARE_BLOCKS::offer);
        blocks.clear();
        used = BLOCK;
        size = 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The blocks as one Vert.x buffer, without copying them. */
    Buffer buffer() {
        releaseGenerator();
        ByteBuf[] parts = new ByteBuf[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            parts[i] = Unpooled.wrappedBuffer(blocks.get(i), 0, lengthOf(i));
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(parts));
    }

    HttpEntity entity() {
        releaseGenerator();
        return new BlocksEntity();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            text.append(new String(blocks.get(i), 0, lengthOf(i), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private void writeJson(ObjectMapper mapper, Object value) {
        write(mapper, generator -> mapper.writeValue(generator, value), value.getClass().getSimpleName() + " as JSON");
    }

    /** Writes with this body's generator; its bytes are in the blocks after: lines end, and merged lines join, there. */
    private void write(ObjectMapper mapper, JsonWriting writing, String what) {
        try {
            JsonGenerator generator = generator(mapper);
            writing.writeTo(generator);
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what, e);
        }
    }

    /** The generator of this body: JSON values one after the other, nothing between them but what we write. */
    private JsonGenerator generator(ObjectMapper mapper) throws IOException {
        if (generator == null) {
            generator = mapper.getFactory().createGenerator(out);
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** Gives the generator's buffers back to Jackson once the body is written; closing our stream is a no-op. */
    private void releaseGenerator() {
        if (generator != null) {
            try {
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish a bulk body", e);
            }
            generator = null;
        }
    }

    private void writeByte(byte b) {
        if (used == BLOCK) {
            addBlock();
        }
        blocks.get(blocks.size() - 1)[used++] = b;
        size++;
    }

    private void writeBytes(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (used == BLOCK) {
                addBlock();
            }
            int n = Math.min(length, BLOCK - used);
            System.arraycopy(bytes, offset, blocks.get(blocks.size() - 1), used, n);
            used += n;
            offset += n;
            length -= n;
            size += n;
        }
    }

    private void addBlock() {
        byte[] spare = SPARE_BLOCKS.poll();
        blocks.add(spare != null ? spare : new byte[BLOCK]); // a spare's old bytes are past what lengthOf gives
        used = 0;
    }

    private void set(long position, byte b) {
        blocks.get((int) (position / BLOCK))[(int) (position % BLOCK)] = b;
    }

    private void truncate(long newSize) {
        size = newSize;
        int lastBlock = (int) ((newSize + BLOCK - 1) / BLOCK) - 1;
        while (blocks.size() - 1 > Math.max(lastBlock, 0)) {
            blocks.remove(blocks.size() - 1);
        }
        used = newSize == 0 ? (blocks.isEmpty() ? BLOCK : 0) : (int) (newSize - (long) lastBlock * BLOCK);
    }

    private int lengthOf(int block) {
        return block == blocks.size() - 1 ? used : BLOCK;
    }

    /**
     * The blocks as a repeatable entity of known length. The async client hands each block to the socket
     * as it is ({@link HttpAsyncContentProducer}); otherwise it would copy the body through a 4 kB buffer.
     */
    private final class BlocksEntity extends AbstractHttpEntity implements HttpAsyncContentProducer {

        private int block;
        private ByteBuffer pending;

        BlocksEntity() {
            setContentType(NDJSON.toString());
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public long getContentLength() {
            return size;
        }

        @Override
        public InputStream getContent() {
            List<InputStream> parts = new ArrayList<>(blocks.size());
            for (int i = 0; i < blocks.size(); i++) {
                parts.add(new ByteArrayInputStream(blocks.get(i), 0, lengthOf(i)));
            }
            return new SequenceInputStream(Collections.enumeration(parts));
        }

        @Override
        public void writeTo(OutputStream target) throws IOException {
            for (int i = 0; i < blocks.size(); i++) {
                target.write(blocks.get(i), 0, lengthOf(i));
            }
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void produceContent(ContentEncoder encoder, IOControl control) throws IOException {
            if (pending == null) {
                pending = blocks.isEmpty() ? ByteBuffer.allocate(0) : ByteBuffer.wrap(blocks.get(0), 0, lengthOf(0));
            }
            while (true) {
                if (pending.hasRemaining() && encoder.write(pending) == 0) {
                    return; // the socket is full: called again when it can take more
                }
                if (pending.hasRemaining()) {
                    continue;
                }
                if (block + 1 >= blocks.size()) {
                    encoder.complete();
                    return;
                }
                block++;
                pending = ByteBuffer.wrap(blocks.get(block), 0, lengthOf(block));
            }
        }

        @Override
        public void close() {
            // Sent again from the start if the client retries the request.
            block = 0;
            pending = null;
        }
    }
}
