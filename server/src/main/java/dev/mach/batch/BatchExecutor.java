package dev.mach.batch;

import dev.mach.cache.FlagLookupGroup;
import dev.mach.config.MachProperties;
import dev.mach.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a batch's sub-requests, each through the whole servlet pipeline as if sent alone, and
 * answers them in request order.
 *
 * <p>Normally they run concurrently, up to {@code mach.batch.concurrency} at once on virtual
 * threads, each in its own transactions; one failing never touches another. Their cached reads look
 * viewer flags up together ({@link FlagLookupGroup}). Atomic batches run one after the other on the
 * caller's thread inside one transaction that every service joins; the first item answered 400 or
 * more rolls it all back, and the items that had run before it or were never run are answered 424.
 */
final class BatchExecutor {

  private static final Logger log = LoggerFactory.getLogger(BatchExecutor.class);
  static final int FAILED_DEPENDENCY = 424;
  private static final int MAX_REQUEST_ID = 64;

  private final int concurrency;
  private final boolean coalesceFlagLookups;
  private final TransactionTemplate tx;
  private final JsonMapper json;
  private volatile FilterPipeline pipeline;

  BatchExecutor(MachProperties.Batch settings, TransactionTemplate tx, JsonMapper json) {
    this.concurrency = Math.max(1, settings.concurrency());
    this.coalesceFlagLookups = settings.coalesceFlagLookups();
    this.tx = tx;
    this.json = json;
  }

  List<SubResponse> run(HttpServletRequest outer, BatchEnvelope batch, String requestId) {
    return batch.atomic()
        ? atomically(outer, batch.items(), requestId)
        : concurrently(outer, batch.items(), requestId);
  }

  private List<SubResponse> concurrently(
      HttpServletRequest outer, List<BatchItem> items, String requestId) {
    SubResponse[] answers = new SubResponse[items.size()];
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    int count = Math.min(concurrency, items.size());
    FlagLookupGroup flags = coalesceFlagLookups ? new FlagLookupGroup(count) : null;
    for (int w = 0; w < count; w++) {
      workers.add(
          Thread.ofVirtual()
              .name("batch-" + (requestId == null ? "" : requestId + "-") + w)
              .start(
                  () -> {
                    try {
                      int i;
                      while ((i = next.getAndIncrement()) < answers.length) {
                        answers[i] = runOne(outer, items.get(i), requestId, flags);
                      }
                    } finally {
                      if (flags != null) {
                        flags.workerDone();
                      }
                    }
                  }));
    }
    try {
      for (Thread worker : workers) {
        worker.join();
      }
    } catch (InterruptedException e) {
      workers.forEach(Thread::interrupt);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running a batch", e);
    }
    // join() makes every answer written by a worker visible here
    return Arrays.asList(answers);
  }

  private List<SubResponse> atomically(
      HttpServletRequest outer, List<BatchItem> items, String requestId) {
    SubResponse[] answers = new SubResponse[items.size()];
    int[] failed = {-1};
    try {
      tx.executeWithoutResult(
          status -> {
            for (BatchItem item : items) {
              SubResponse answer = runHere(outer, item, requestId);
              answers[item.index()] = answer;
              if (answer.status() >= 400) {
                failed[0] = item.index();
                status.setRollbackOnly();
                return;
              }
            }
          });
    } catch (UnexpectedRollbackException e) {
      // every item succeeded, yet a write inside lost a race and doomed the transaction
      throw new ApiException(
          HttpStatus.CONFLICT, "batch", "was rolled back: a write conflicted; nothing was changed");
    }
    if (failed[0] >= 0) {
      for (int i = 0; i < answers.length; i++) {
        if (i < failed[0]) {
          answers[i] = dependent("was rolled back: request " + failed[0] + " failed");
        } else if (i > failed[0]) {
          answers[i] = dependent("was not run: request " + failed[0] + " failed");
        }
      }
    }
    return Arrays.asList(answers);
  }

  private SubResponse dependent(String message) {
    return SubResponse.error(FAILED_DEPENDENCY, "batch", message, json::writeValueAsBytes);
  }

  /**
   * Runs an item on the caller's own thread, which is itself inside Spring MVC: the request context
   * a sub-request's filters clear when they finish is put back for the batch.
   */
  private SubResponse runHere(HttpServletRequest outer, BatchItem item, String requestId) {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    LocaleContext locale = LocaleContextHolder.getLocaleContext();
    try {
      return runOne(outer, item, requestId, null);
    } finally {
      RequestContextHolder.setRequestAttributes(attributes);
      LocaleContextHolder.setLocaleContext(locale);
    }
  }

  /** One item through the pipeline; whatever goes wrong becomes its own 500, never the batch's. */
  private SubResponse runOne(
      HttpServletRequest outer, BatchItem item, String requestId, FlagLookupGroup flags) {
    FilterPipeline filters = pipeline(outer);
    var headers = SubRequest.headersOf(item, outer, subRequestId(requestId, item.index()));
    var request = new SubRequest(outer, item, headers, filters.mappingOf(item.path()));
    if (flags != null) {
      request.setAttribute(FlagLookupGroup.ATTRIBUTE, flags);
    }
    var response = new CapturedResponse();
    try {
      filters.run(request, response);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      log.error("Batch sub-request {} {} failed", item.method(), item.rawPath(), e);
      return SubResponse.error(500, "request", "internal error", json::writeValueAsBytes);
    }
    return SubResponse.of(response, json::writeValueAsBytes);
  }

  private FilterPipeline pipeline(HttpServletRequest outer) {
    FilterPipeline known = pipeline;
    if (known == null) {
      known = FilterPipeline.of(outer.getServletContext());
      pipeline = known;
    }
    return known;
  }

  /** The batch's own id and the item's index, so each access log line leads back to its batch. */
  private static String subRequestId(String requestId, int index) {
    if (requestId == null) {
      return null;
    }
    String id = requestId + "-" + index;
    return id.length() <= MAX_REQUEST_ID ? id : null;
  }
}
