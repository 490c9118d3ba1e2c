import Foundation

/// Counts the Swift heap allocations one thread makes while it runs a closure, through the Swift
/// runtime's `_swift_allocObject` hook (every class instance, closure context, box and
/// Array/String/Set/Dictionary buffer is allocated through `swift_allocObject`). No dependency, no
/// malloc interposition in the product binary: the hook is installed only for the count and removed
/// after. Memory that C code or `UnsafeMutablePointer.allocate` takes is not counted.
enum HeapAllocationCounter {
    typealias AllocateObject = @convention(c) (UnsafeRawPointer?, Int, Int) -> UnsafeMutableRawPointer?

    // Written only by the counting thread between installing and removing the hook; the hook reads
    // `countedThread` on every thread, which is why the count is filtered by thread.
    nonisolated(unsafe) private static var runtimeAllocate: AllocateObject?
    nonisolated(unsafe) private static var countedThread: pthread_t?
    nonisolated(unsafe) private static var allocations = 0

    /// Runs `body` on the calling thread and returns its result and the allocations it made, or
    /// `nil` allocations when this runtime has no hook to count with.
    static func counting<T>(_ body: () -> T) -> (result: T, allocations: Int?) {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "_swift_allocObject") else { return (body(), nil) }
        let hook = symbol.assumingMemoryBound(to: AllocateObject?.self)
        runtimeAllocate = hook.pointee
        countedThread = pthread_self()
        allocations = 0
        hook.pointee = { metadata, size, alignmentMask in
            if let thread = HeapAllocationCounter.countedThread, pthread_equal(thread, pthread_self()) != 0 {
                HeapAllocationCounter.allocations += 1
            }
            return HeapAllocationCounter.runtimeAllocate!(metadata, size, alignmentMask)
        }
        let result = body()
        hook.pointee = runtimeAllocate
        countedThread = nil
        return (result, allocations)
    }
}
