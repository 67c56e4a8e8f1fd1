package io.rubrix.ingest;

import io.rubrix.common.testing.NativeReadinessContract;

class NativeReadinessTest extends NativeReadinessContract {
}
