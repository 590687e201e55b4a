package io.baifang.customers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import io.baifang.security.CurrentStaff;
import io.baifang.shared.BlockingWork;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Takes a 信息采集表 upload (CSV in UTF-8 or GBK, or XLSX) and answers the import report. */
@RestController
@RequestMapping("/api/customers")
class LeadSheetController {

    private final LeadSheetImporter importer;
    private final CurrentStaff currentStaff;
    private final BlockingWork blocking;
    private final DataSize maxUploadSize;

    LeadSheetController(LeadSheetImporter importer, CurrentStaff currentStaff, BlockingWork blocking,
                        CustomersProperties properties) {
        this.importer = importer;
        this.currentStaff = currentStaff;
        this.blocking = blocking;
        this.maxUploadSize = properties.leadSheets().maxUploadSize();
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ImportReport> importSheet(@RequestPart("file") Mono<FilePart> file) {
        return currentStaff.get().flatMap(importer -> file
                .onErrorMap(DataBufferLimitException.class, this::tooLarge)
                .flatMap(part -> Mono.usingWhen(
                        savedUpload(part),
                        saved -> this.importer.importSheet(saved, part.filename(), importer),
                        this::delete)))
                .onErrorMap(UnreadableSheetException.class, LeadSheetController::unreadable)
                .onErrorMap(UnreadableSheetException.Unchecked.class, e -> unreadable((UnreadableSheetException) e.getCause()));
    }

    /** The upload goes to a temporary file, counted as it arrives, so nothing large is held in memory. */
    private Mono<Path> savedUpload(FilePart part) {
        return blocking.call(() -> Files.createTempFile("baifang-lead-sheet-", ".upload"))
                .flatMap(path -> DataBufferUtils.write(limited(part.content()), path)
                        .onErrorResume(error -> delete(path).then(Mono.error(error)))
                        .thenReturn(path));
    }

    private Flux<DataBuffer> limited(Flux<DataBuffer> content) {
        return Flux.defer(() -> {
            AtomicLong received = new AtomicLong();
            return content.doOnNext(buffer -> {
                if (received.addAndGet(buffer.readableByteCount()) > maxUploadSize.toBytes()) {
                    DataBufferUtils.release(buffer);
                    throw tooLarge(null);
                }
            });
        });
    }

    private Mono<Void> delete(Path path) {
        return blocking.call(() -> Files.deleteIfExists(path))
                .onErrorResume(IOException.class, ignored -> Mono.just(false))
                .then();
    }

    private ResponseStatusException tooLarge(Throwable cause) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than the upload limit of "
                + maxUploadSize.toMegabytes() + " MB (baifang.customers.lead-sheets.max-upload-size); split the sheet");
    }

    private static ResponseStatusException unreadable(UnreadableSheetException e) {
        HttpStatus status = switch (e.problem()) {
            case EMPTY -> HttpStatus.BAD_REQUEST;
            case NOT_A_SHEET, UNSUPPORTED_FORMAT -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case MISSING_COLUMN, CORRUPT -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return new ResponseStatusException(status, e.getMessage());
    }
}
