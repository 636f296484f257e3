namespace SocketIo.Adapters;

/// <summary>
/// A set of ordinal strings that holds a single member as itself and makes a <see cref="HashSet{T}"/> only for a
/// second one. An adapter keeps two such sets per socket (the socket's own-id room and the socket's rooms), and most
/// hold one member for the socket's whole life; as hash sets they cost ~320 bytes per connection. Not thread-safe; a
/// value type, so keep it in a field or get a reference to it (<see cref="System.Runtime.InteropServices.CollectionsMarshal"/>)
/// before changing it.
/// </summary>
internal struct CompactStringSet
{
    /// <summary>Null when empty, the member itself when there is one, else a hash set (kept once made, even if it shrinks).</summary>
    private object? _members;

    public readonly int Count => _members switch
    {
        null => 0,
        string => 1,
        var set => ((HashSet<string>)set).Count,
    };

    /// <summary>Adds <paramref name="member"/>; false when it was there already.</summary>
    public bool Add(string member)
    {
        switch (_members)
        {
            case null:
                _members = member;
                return true;
            case string only:
                if (only == member)
                {
                    return false;
                }

                _members = new HashSet<string>(StringComparer.Ordinal) { only, member };
                return true;
            default:
                return ((HashSet<string>)_members).Add(member);
        }
    }

    /// <summary>Removes <paramref name="member"/>; false when it was not there.</summary>
    public bool Remove(string member)
    {
        switch (_members)
        {
            case null:
                return false;
            case string only:
                if (only != member)
                {
                    return false;
                }

                _members = null;
                return true;
            default:
                return ((HashSet<string>)_members).Remove(member);
        }
    }

    /// <summary>Copies the members to <paramref name="array"/> from <paramref name="index"/> on.</summary>
    public readonly void CopyTo(string[] array, int index)
    {
        switch (_members)
        {
            case null:
                break;
            case string only:
                array[index] = only;
                break;
            default:
                ((HashSet<string>)_members).CopyTo(array, index);
                break;
        }
    }

    public readonly Enumerator GetEnumerator() => new(_members);

    /// <summary>Enumerates the members without allocating.</summary>
    public struct Enumerator
    {
        private readonly string? _only;
        private HashSet<string>.Enumerator _set;
        private readonly bool _isSet;
        private bool _onlyTaken;

        internal Enumerator(object? members)
        {
            _only = members as string;
            _isSet = members is HashSet<string>;
            _set = _isSet ? ((HashSet<string>)members!).GetEnumerator() : default;
            Current = null!;
        }

        public string Current { get; private set; }

        public bool MoveNext()
        {
            if (_isSet)
            {
                if (_set.MoveNext())
                {
                    Current = _set.Current;
                    return true;
                }

                return false;
            }

            if (_only is null || _onlyTaken)
            {
                return false;
            }

            _onlyTaken = true;
            Current = _only;
            return true;
        }
    }
}
