package io.rubrix.common.elasticsearch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.http.ContentTooLongException;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.ContentDecoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.protocol.AbstractAsyncResponseConsumer;
import org.apache.http.protocol.HttpContext;
import org.elasticsearch.client.HttpAsyncResponseConsumerFactory;

/**
 * Reads an answer whose bytes the caller takes whole ({@link Elasticsearch#sendForBytes}: pages of an export, bulk
 * answers) into one array of its size. Elasticsearch sends them chunked, without a length: the client's own consumer
 * grew a buffer from 4 KB by doubling and the caller then copied it out, some 6 MB of garbage per megabyte page, which
 * the export's small heap spent more time collecting than reading. Here the chunks arrive in 64 KB arrays and are
 * copied once, into the answer.
 */
final class WholeAnswer extends AbstractAsyncResponseConsumer<HttpResponse> {

    static final HttpAsyncResponseConsumerFactory FACTORY = WholeAnswer::new;

    /** The client's default consumer's limit too. */
    private static final long LIMIT = 100L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    /** The answer's bytes, for a caller that takes them as they are (not a copy). */
    static final class Bytes extends ByteArrayEntity {

        private final byte[] bytes;

        Bytes(byte[] bytes, ContentType type) {
            super(bytes, type);
            this.bytes = bytes;
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private final List<byte[]> chunks = new ArrayList<>();
    private ByteBuffer current;
    private long length;
    private HttpResponse response;
    private ContentType type;

    @Override
    protected void onResponseReceived(HttpResponse received) {
        this.response = received;
    }

    @Override
    protected void onEntityEnclosed(HttpEntity entity, ContentType contentType) throws IOException {
        if (entity.getContentLength() > LIMIT) {
            throw new ContentTooLongException("Elasticsearch's answer is longer than " + LIMIT + " bytes");
        }
        this.type = contentType;
    }

    @Override
    protected void onContentReceived(ContentDecoder decoder, IOControl control) throws IOException {
        while (true) {
            if (current == null || !current.hasRemaining()) {
                byte[] chunk = new byte[CHUNK];
                chunks.add(chunk);
                current = ByteBuffer.wrap(chunk);
            }
            int read = decoder.read(current);
            if (read <= 0) {
                return; // the rest comes with the next call, or there is none
            }
            length += read;
            if (length > LIMIT) {
                throw new ContentTooLongException("Elasticsearch's answer is longer than " + LIMIT + " bytes");
            }
        }
    }

    @Override
    protected HttpResponse buildResult(HttpContext context) {
        if (type != null || length > 0) {
            byte[] whole = new byte[(int) length];
            int at = 0;
            for (byte[] chunk : chunks) {
                int count = (int) Math.min(chunk.length, length - at);
                System.arraycopy(chunk, 0, whole, at, count);
                at += count;
            }
            response.setEntity(new Bytes(whole, type));
        }
        return response;
    }

    @Override
    protected void releaseResources() {
        chunks.clear();
        current = null;
        response = null;
    }
}
