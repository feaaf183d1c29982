package io.draftboard.history;

import com.fasterxml.jackson.core.type.TypeReference;
import io.draftboard.generation.Cost;
import io.draftboard.generation.FailureKind;
import io.draftboard.generation.OutputFormat;
import io.draftboard.generation.RenderKind;
import io.draftboard.json.Json;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/** Row ↔ value mapping: a {@code generations} row and a {@link GenerationRecord}, a {@code jobs} row and a {@link JournalEntry}. */
final class RowMapping {
    /** Every column of {@code generations}, id first, in the order {@link #bind} fills them (without the id). */
    static final String GENERATION_COLUMNS = "id, created_at, prompt, seed, steps, guidance, width, height, "
            + "output_format, prompt_upsampling, safety_tolerance, provider, model, kind, parent_id, status, "
            + "error_kind, error_message, image_sha256, image_media_type, image_width, image_height, cost_usd, "
            + "cost_estimated, queue_ms, render_ms, attempts, remote_id, revised_prompt, starred, tags";

    /** The columns {@link #journalEntry} reads, in its order. */
    static final String JOURNAL_COLUMNS = "id, created_at, updated_at, provider, kind, parent_id, request, state, "
            + "remote_id, polling_url, generation_id, note";

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private RowMapping() {
    }

    /** {@link #GENERATION_COLUMNS} with every name qualified by {@code alias} (for joins). */
    static String generationColumns(String alias) {
        StringBuilder b = new StringBuilder();
        for (String column : GENERATION_COLUMNS.split(", ")) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(alias).append('.').append(column);
        }
        return b.toString();
    }

    /** Binds every column of {@code r} but the id, from parameter 1, in {@link #GENERATION_COLUMNS} order. */
    static void bind(PreparedStatement ps, GenerationRecord r) throws SQLException {
        int i = 1;
        ps.setLong(i++, r.createdAt().toEpochMilli());
        ps.setString(i++, r.prompt());
        ps.setLong(i++, r.seed());
        ps.setInt(i++, r.steps());
        ps.setDouble(i++, r.guidance());
        ps.setInt(i++, r.width());
        ps.setInt(i++, r.height());
        ps.setString(i++, r.outputFormat().name());
        ps.setInt(i++, r.promptUpsampling() ? 1 : 0);
        ps.setInt(i++, r.safetyTolerance());
        ps.setString(i++, r.providerId());
        ps.setString(i++, r.model());
        ps.setString(i++, r.kind().name());
        setNullableLong(ps, i++, r.parentId());
        ps.setString(i++, r.status().name());
        ps.setString(i++, r.errorKind() == null ? null : r.errorKind().name());
        ps.setString(i++, r.errorMessage());
        StoredImage img = r.image();
        ps.setString(i++, img == null ? null : img.sha256());
        ps.setString(i++, img == null ? null : img.mediaType());
        setNullableLong(ps, i++, img == null ? null : (long) img.width());
        setNullableLong(ps, i++, img == null ? null : (long) img.height());
        ps.setDouble(i++, r.cost().usd());
        ps.setInt(i++, r.cost().estimated() ? 1 : 0);
        ps.setLong(i++, r.queueMillis());
        ps.setLong(i++, r.renderMillis());
        ps.setInt(i++, r.attempts());
        ps.setString(i++, r.remoteId());
        ps.setString(i++, r.revisedPrompt());
        ps.setInt(i++, r.starred() ? 1 : 0);
        ps.setString(i, Json.write(r.tags()));
    }

    /** The generation at {@code rs}'s current row, without its references (they live in another table). */
    static GenerationRecord generation(ResultSet rs) throws SQLException {
        String imageHash = rs.getString("image_sha256");
        StoredImage image = imageHash == null ? null : new StoredImage(imageHash, rs.getString("image_media_type"),
                rs.getInt("image_width"), rs.getInt("image_height"));
        long parent = rs.getLong("parent_id");
        Long parentId = rs.wasNull() ? null : parent;
        String errorKind = rs.getString("error_kind");
        List<String> tags;
        try {
            tags = Json.MAPPER.readValue(rs.getString("tags"), STRING_LIST);
        } catch (IOException e) {
            tags = List.of();
        }
        return new GenerationRecord(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("prompt"), rs.getLong("seed"), rs.getInt("steps"), rs.getDouble("guidance"),
                rs.getInt("width"), rs.getInt("height"), OutputFormat.valueOf(rs.getString("output_format")),
                rs.getInt("prompt_upsampling") != 0, rs.getInt("safety_tolerance"), List.of(), rs.getString("provider"),
                rs.getString("model"), RenderKind.valueOf(rs.getString("kind")), parentId,
                GenerationStatus.valueOf(rs.getString("status")),
                errorKind == null ? null : FailureKind.valueOf(errorKind), rs.getString("error_message"), image,
                new Cost(rs.getDouble("cost_usd"), rs.getInt("cost_estimated") != 0), rs.getLong("queue_ms"),
                rs.getLong("render_ms"), rs.getInt("attempts"), rs.getString("remote_id"),
                rs.getString("revised_prompt"), rs.getInt("starred") != 0, tags);
    }

    /** {@code r} with {@code references} in place of its own. */
    static GenerationRecord withReferences(GenerationRecord r, List<StoredReference> references) {
        return new GenerationRecord(r.id(), r.createdAt(), r.prompt(), r.seed(), r.steps(), r.guidance(), r.width(),
                r.height(), r.outputFormat(), r.promptUpsampling(), r.safetyTolerance(), references, r.providerId(),
                r.model(), r.kind(), r.parentId(), r.status(), r.errorKind(), r.errorMessage(), r.image(), r.cost(),
                r.queueMillis(), r.renderMillis(), r.attempts(), r.remoteId(), r.revisedPrompt(), r.starred(), r.tags());
    }

    /** The journal entry at {@code rs}'s current row, selected as {@link #JOURNAL_COLUMNS}. */
    static JournalEntry journalEntry(ResultSet rs) throws SQLException {
        long parent = rs.getLong(6);
        Long parentId = rs.wasNull() ? null : parent;
        long gen = rs.getLong(11);
        Long generationId = rs.wasNull() ? null : gen;
        return new JournalEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), Instant.ofEpochMilli(rs.getLong(3)),
                rs.getString(4), RenderKind.valueOf(rs.getString(5)), parentId, rs.getString(7),
                JournalEntry.State.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), generationId,
                rs.getString(12));
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }
}
