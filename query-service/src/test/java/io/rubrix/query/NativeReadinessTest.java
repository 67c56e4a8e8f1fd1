package io.rubrix.query;

import io.rubrix.common.testing.NativeReadinessContract;

class NativeReadinessTest extends NativeReadinessContract {
}
