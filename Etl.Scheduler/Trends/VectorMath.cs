using System.Numerics;
using System.Runtime.InteropServices;

namespace Etl.Scheduler.Trends;

/// <summary>The few vector operations clustering needs, SIMD-wide where the hardware allows.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} dimensions cannot be compared; every embedding must come from the same embedder.", nameof(b));
        }

        var sum = Vector<float>.Zero;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (var v = 0; v < va.Length; v++)
            {
                sum += va[v] * vb[v];
            }

            i = va.Length * Vector<float>.Count;
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    /// <summary>A unit-length copy of <paramref name="vector"/>; a zero vector stays zero.</summary>
    public static float[] Normalized(ReadOnlySpan<float> vector)
    {
        var result = vector.ToArray();
        var norm = MathF.Sqrt(Dot(result, result));
        if (norm > 1e-9f)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] /= norm;
            }
        }

        return result;
    }

    /// <summary>Adds <paramref name="vector"/> to <paramref name="sum"/> in place.</summary>
    public static void Add(Span<float> sum, ReadOnlySpan<float> vector)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += vector[i];
        }
    }
}
