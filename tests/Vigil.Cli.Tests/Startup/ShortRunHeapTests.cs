using System.Runtime.CompilerServices;

namespace Vigil.Cli.Tests.Startup;

public class ShortRunHeapTests
{
    // Shaped like a real /proc/self/maps: the GC's reservation is reserved (---p) and committed (rw-p) parts side by
    // side, with the binary, the C heap, another anonymous mapping and a library around it.
    private const string Maps = """
        55d0a0000000-55d0a0800000 r-xp 00020000 fe:00 1195 /opt/vigil/vigil
        55d0a0900000-55d0a0c00000 rw-p 00000000 00:00 0
        55d0a1000000-55d0a1200000 rw-p 00000000 00:00 0                          [heap]
        7f0000000000-7f0000400000 ---p 00000000 00:00 0
        7f1000000000-7f1000200000 ---p 00000000 00:00 0
        7f1000200000-7f1001200000 rw-p 00000000 00:00 0
        7f1001200000-7f1400000000 ---p 00000000 00:00 0
        7f1400000000-7f1400010000 rw-p 00000000 00:00 0
        7f2000000000-7f2000100000 r-xp 00026000 fe:00 3320 /usr/lib/x86_64-linux-gnu/libc.so.6
        """;

    [Theory]
    [InlineData(0x7f1000200010UL)] // in the committed part
    [InlineData(0x7f1000000000UL)] // the run's first byte
    [InlineData(0x7f13ffffffffUL)] // the reserved part's last byte
    [InlineData(0x7f1400000008UL)] // an adjacent anonymous mapping joins the run
    public void The_reservation_is_the_run_of_adjacent_anonymous_mappings_around_the_address(ulong address)
    {
        Assert.Equal((0x7f1000000000UL, 0x7f1400010000UL), ShortRunHeap.Reservation(Maps, address));
    }

    [Theory]
    [InlineData(0x55d0a1000010UL)] // the C heap names a path ([heap])
    [InlineData(0x55d0a0000010UL)] // the binary
    [InlineData(0x7f0800000000UL)] // between mappings
    public void An_address_outside_any_anonymous_run_has_no_reservation(ulong address)
    {
        Assert.Null(ShortRunHeap.Reservation(Maps, address));
    }

    [Fact]
    public void A_separate_anonymous_mapping_is_its_own_run()
    {
        Assert.Equal((0x7f0000000000UL, 0x7f0000400000UL), ShortRunHeap.Reservation(Maps, 0x7f0000000100UL));
    }

    [Theory]
    [InlineData(0x7f1000200010UL, 0x7f1000200000UL, 0x7f1001200000UL)] // the committed part alone, not its run
    [InlineData(0x7f1000000000UL, 0x7f1000000000UL, 0x7f1000200000UL)]
    [InlineData(0x55d0a1000010UL, 0x55d0a1000000UL, 0x55d0a1200000UL)] // named mappings too
    public void The_mapping_is_the_one_line_that_holds_the_address(ulong address, ulong start, ulong end)
    {
        Assert.Equal((start, end), ShortRunHeap.Mapping(Maps, address));
    }

    [Theory]
    [InlineData(0x7f0800000000UL)] // between mappings
    [InlineData(0x7f2000100000UL)] // a mapping's end is not in it
    public void An_address_in_no_mapping_has_none(ulong address)
    {
        Assert.Null(ShortRunHeap.Mapping(Maps, address));
    }

    [Theory]
    [InlineData("not a maps line")]
    [InlineData("7f1000000000-zz ---p 00000000 00:00 0")]
    [InlineData("7f1000200000-7f1000000000 rw-p 00000000 00:00 0")]
    public void Text_that_is_not_maps_gives_no_reservation(string line)
    {
        Assert.Null(ShortRunHeap.Reservation(line + "\n" + Maps, 0x7f1000200010UL));
    }

    [Fact]
    public void This_process_has_its_heap_object_inside_an_anonymous_run()
    {
        object probe = new byte[64];
        ulong address = (ulong)Unsafe.As<object, nint>(ref probe);
        var run = ShortRunHeap.Reservation(File.ReadAllText("/proc/self/maps"), address);
        GC.KeepAlive(probe);
        Assert.NotNull(run);
        Assert.InRange(address, run.Value.Start, run.Value.End - 1);
    }
}
