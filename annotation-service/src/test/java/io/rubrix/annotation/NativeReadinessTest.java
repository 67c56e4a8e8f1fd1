package io.rubrix.annotation;

import io.rubrix.common.testing.NativeReadinessContract;

class NativeReadinessTest extends NativeReadinessContract {
}
